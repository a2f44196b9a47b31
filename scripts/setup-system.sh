#!/usr/bin/env bash
# 安装系统依赖 / install the Debian packages the build (or the tests) need.
#   scripts/setup-system.sh build   fonts and the fast font subsetter for PDF
#   scripts/setup-system.sh test    + poppler, LibreOffice and Chromium for the test suite
set -euo pipefail
group=${1:-build}
pkgs=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0)
if [ "$group" = test ]; then
  pkgs+=(poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui chromium faketime)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
conf=/etc/fonts/conf.d/99-budget-docs-gb-fonts.conf
here=$(cd "$(dirname "$0")/.." && pwd)
install_conf() {
  if ! cmp -s "$here/fontconfig/99-budget-docs-gb-fonts.conf" "$conf" 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
      cp "$here/fontconfig/99-budget-docs-gb-fonts.conf" "$conf" && fc-cache -f >/dev/null 2>&1 || true
    else
      echo "提示：以管理员身份复制 fontconfig/99-budget-docs-gb-fonts.conf 到 /etc/fonts/conf.d/ 可让无国标字体的机器使用对应的 Noto 字体。" >&2
    fi
  fi
}
install_yls() {  # the editor's YAML server, for the tests of what the editor shows (tools/yls/, not committed)
  if [ "$group" = test ] && command -v npm >/dev/null && [ ! -x "$here/tools/yls/node_modules/.bin/yaml-language-server" ]; then
    npm install --silent --no-audit --no-fund --prefix "$here/tools/yls" yaml-language-server@1.15.0 >/dev/null 2>&1 \
      || echo "提示：无法用 npm 安装 yaml-language-server，编辑器相关测试将跳过。" >&2
  fi
}
if [ ${#missing[@]} -eq 0 ]; then install_conf; install_yls; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "缺少系统软件包：${missing[*]}" >&2
  echo "请以管理员身份运行：sudo apt-get install -y ${missing[*]}" >&2
  echo "(missing Debian packages; install them with the command above)" >&2
  exit 1
fi
echo "正在安装系统软件包 / installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_conf
install_yls
