#!/usr/bin/env bash
# Checks make's DEPT/YEAR before any Python runs and says what exists.
#   scripts/check-inputs.sh TARGET DEPT [YEAR]
# On success prints the year to use (empty: the latest complete year, chosen by
# `python -m generator latest`); on a problem prints a Chinese message, exit 2.
set -u
target=$1 dept=${2:-} year=${3:-}
root=${INPUTS:-inputs}

list() { local IFS='、'; echo "$*"; }
departments() {
  local out=()
  for d in "$root"/*/; do d=${d%/}; d=${d##*/}; [[ $d =~ ^[0-9]+$ ]] && out+=("$d"); done
  if ((${#out[@]})); then list "${out[@]}"; else echo "（无）"; fi
}
years() {
  local out=()
  for f in "$root/$1"/*.yaml; do f=${f##*/}; f=${f%.yaml}; [[ $f =~ ^[0-9]{4}$ ]] && out+=("$f"); done
  if ((${#out[@]})); then list "${out[@]}"; fi
}
fail() { echo "$1" >&2; exit 2; }

example="make $target DEPT=103"
case $target in
  new) example="make new DEPT=103 YEAR=2027" ;;
  build|diff|preview) example="make $target DEPT=103 [YEAR=2026]" ;;
  validate) example="make validate [DEPT=103] [YEAR=2026]" ;;
esac

if [[ -z $dept ]]; then
  [[ $target == validate ]] && exit 0
  fail "请指定部门：$example。现有部门：$(departments)。"
fi
[[ $dept =~ ^[0-9]+$ ]] || fail "部门编码应为数字，如 DEPT=103（收到“$dept”）。现有部门：$(departments)。"
[[ -d $root/$dept ]] || fail "找不到部门 $dept（没有文件夹 $root/$dept/）。现有部门：$(departments)。"
present=$(years "$dept")
[[ -n $present || $target == new ]] || fail "部门 $dept 的文件夹 $root/$dept/ 中还没有年度文件（如 2026.yaml）。"
if [[ -n $year ]]; then
  [[ $year =~ ^[0-9]{4}$ ]] || fail "年度应为四位数字，如 YEAR=2026（收到“$year”）。部门 $dept 现有年度：$present。"
fi

case $target in
  new)
    [[ -n $year ]] || fail "请指定新年度：make new DEPT=$dept YEAR=$(( ${present##*、} + 1 ))。部门 $dept 现有年度：$present。"
    prev=$((year - 1))
    [[ -f $root/$dept/$year.yaml ]] && fail "$root/$dept/$year.yaml 已存在，不会覆盖。部门 $dept 现有年度：$present。"
    [[ -f $root/$dept/$prev.yaml ]] || fail "无法生成 $year 年：需要上一年的文件 $root/$dept/$prev.yaml，但它不存在。部门 $dept 现有年度：$present。"
    ;;
  diff|preview)
    [[ -n $year ]] || year=${present##*、}   # the latest file, a draft included
    ;;
esac
if [[ -n $year && $target != new && ! -f $root/$dept/$year.yaml ]]; then
  fail "找不到 $root/$dept/$year.yaml。部门 $dept 现有年度：$present。"
fi
echo "$year"
