#!/bin/sh
# Does ./setup install every Debian package that the build and the tests
# use? A package that happens to be on a developer's machine but is not in
# setup's list would pass every other test and fail a new user's first
# command; this test fails instead.
#
#   setup_packages.sh [--without PKG] SRC-DIR BUILD-DIR
#
# What the build used, collected from the build tree:
#   - system headers: every path outside SRC and BUILD in the compilers'
#     dependency files (*.d, compiler_depend.make), host and guest builds;
#   - shared libraries: what the host programs built here load (ldd);
#   - tools: the programs CMake found (FILEPATH entries of the caches, and
#     cmake and ctest themselves), the command of every CTest test and the
#     interpreter of its script, and the external commands that the test
#     scripts (tests/scripts/*.sh) call.
# Each file is mapped to the package that owns it (dpkg -S). A tool that
# no package owns (a copy under /usr/local or a version manager's shim)
# stands for the Debian package that ships a program of the same name in
# /usr/bin or /bin: that is what a fresh machine runs. A header or library
# that no package owns fails: a fresh machine would not have it.
# A package passes when setup's PACKAGES list names it, when a listed
# package pulls it in (Depends and Pre-Depends, recursively: setup installs
# with --no-install-recommends), or when every Debian system has it
# (Priority required or important).
# --without PKG drops PKG from setup's list first: the suite runs this with
# a package the build needs, to show that the check does fail.
# Exit status 0 all present, 1 some missing, 77 (skipped) not on Debian.
set -u
without=""
if [ "${1:-}" = "--without" ]; then
	without=$2
	shift 2
fi
src=$(cd "${1:?usage: setup_packages.sh [--without PKG] SRC-DIR BUILD-DIR}" && pwd -P)
build=$(cd "${2:?usage: setup_packages.sh [--without PKG] SRC-DIR BUILD-DIR}" && pwd -P)
for t in dpkg dpkg-query apt-cache; do
	command -v "$t" >/dev/null || { echo "not a Debian system (no $t): skipped"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# setup's list: the words of its PACKAGES="..." assignment.
sed -n '/^PACKAGES="/,/"/p' "$src/setup" | tr -d '"' | sed 's/^PACKAGES=//' |
	tr -s ' \t' '\n\n' | grep -v '^$' | grep -vxF -- "${without:-/}" | sort -u >"$tmp/listed"
[ -s "$tmp/listed" ] || { echo "FAIL: no PACKAGES=\"...\" list in $src/setup"; exit 1; }

outside() { grep '^/' | grep -v -e "^$src/" -e "^$build/"; }

# 1. Headers and other files the compilers read ("kind path" lines).
find "$build" \( -name '*.d' -o -name compiler_depend.make \) -type f -exec cat {} + |
	tr ' \\' '\n\n' | sed 's/:$//' | outside | sed 's/^/file /' >"$tmp/used"
# 2. Shared libraries of the host programs built here.
find "$build" -type f -perm -u+x ! -name '*.elf' -exec sh -c \
	'for f; do head -c 4 "$f" | grep -q "ELF" && printf "%s\n" "$f"; done' sh {} + |
	while read -r bin; do ldd "$bin" 2>/dev/null; done |
	awk '$2 == "=>" && $3 ~ /^\// { print "file " $3 }' >>"$tmp/used"
# 3. Tools: what CMake found, then what CTest and the test scripts run.
for cache in "$build/CMakeCache.txt" "$build"/*/CMakeCache.txt; do
	[ -f "$cache" ] || continue
	sed -n -e 's/^[A-Za-z0-9_]*:FILEPATH=//p' \
		-e 's/^CMAKE_\(COMMAND\|CTEST_COMMAND\):INTERNAL=//p' "$cache" |
		outside | while read -r f; do
			if [ -x "$f" ] && [ ! -d "$f" ]; then
				case "$f" in
				*.so | *.so.* | *.a) echo "file $f" ;;
				*) echo "tool $f" ;;
				esac
			elif [ -f "$f" ]; then
				echo "file $f"
			fi
		done >>"$tmp/used"
done
# the first word of each test's command, as CTest records it
find "$build" -name CTestTestfile.cmake -exec cat {} + |
	sed -n 's/^add_test([^ ]* "\([^"]*\)".*/\1/p' | sort -u >"$tmp/commands"
interp() { # the program that runs a script: its #! line
	line=$(head -n 1 "$1")
	case "$line" in
	'#!'*) set -- ${line#??}
	       if [ "${1##*/}" = env ]; then command -v "$2"; else echo "$1"; fi ;;
	esac
}
# commands of a shell script: words at the start of a command (after
# ; | & ( ` then do else, or at the start of a line), outside comments,
# quotes and here-documents; only those that resolve to a program outside
# SRC and BUILD count (builtins, functions and variables do not).
script_commands() {
	awk '
		inhere { if ($0 ~ "^\t*" tag "$") inhere = 0; next }
		/<<-?[ ]*["'\'']?[A-Za-z_]+/ {
			t = $0; sub(/.*<<-?[ ]*["'\'']?/, "", t); sub(/[^A-Za-z_].*/, "", t)
			tag = t; inhere = 1
		}
		{
			s = $0
			gsub(/\\./, "", s)
			gsub(/'\''[^'\'']*'\''/, "Q", s)
			gsub(/"[^"]*"/, "Q", s)
			sub(/(^|[ \t])#.*/, "", s)
			gsub(/\$\(/, ";", s)
			gsub(/[;|&()`]/, "\n", s)
			n = split(s, parts, "\n")
			for (i = 1; i <= n; i++) {
				m = split(parts[i], w, /[ \t]+/)
				for (j = 1; j <= m; j++) {
					if (w[j] == "" || w[j] ~ /=/ || w[j] ~ /^(then|do|else|elif|if|while|until|!|time|exec|command)$/)
						continue
					print w[j]
					break
				}
			}
		}' "$1" | grep -E '^[A-Za-z0-9_.+-]+$' | sort -u
}
while read -r cmd; do
	path=$(command -v "$cmd" 2>/dev/null) || continue
	case "$path" in
	"$src"/* | "$build"/*) ;;
	/*) echo "tool $path" ;;
	esac
	[ -f "$cmd" ] || continue
	case "$cmd" in "$src"/* | "$build"/*) ;; *) continue ;; esac
	i=$(interp "$cmd") && [ -n "$i" ] && echo "tool $i"
done <"$tmp/commands" >>"$tmp/used"
for s in "$src"/tests/scripts/*.sh; do
	i=$(interp "$s") && [ -n "$i" ] && echo "tool $i"
	script_commands "$s" | while read -r w; do
		p=$(command -v "$w" 2>/dev/null) || continue
		case "$p" in /*) ;; *) continue ;; esac
		case "$p" in "$src"/* | "$build"/*) continue ;; esac
		echo "tool $p"
	done
done >>"$tmp/used"
sort -u "$tmp/used" >"$tmp/used.sorted"

# Map every used file to its package ("package path" lines), in one dpkg
# call. dpkg -S wants the path as the package recorded it: each file is
# asked for as given, by its real path, and as the twin of each across the
# /usr merge (/bin, /lib are /usr/bin, /usr/lib); a tool with no owner
# then as /usr/bin/NAME and /bin/NAME. The first candidate owned wins.
while read -r kind f; do
	[ -e "$f" ] || continue
	r=$(readlink -f "$f")
	rank=0
	for p in "$f" "$r"; do
		for q in "$p" "${p#/usr}" "/usr$p"; do
			echo "$f $rank $q"; rank=$((rank + 1))
		done
	done
	[ "$kind" = tool ] && printf '%s 10 /usr/bin/%s\n%s 11 /bin/%s\n' "$f" "${f##*/}" "$f" "${f##*/}"
	[ "$kind" = file ] && echo "$f 99 -"
done <"$tmp/used.sorted" >"$tmp/candidates"
cut -d' ' -f3 "$tmp/candidates" | grep '^/' | sort -u | tr '\n' '\0' |
	xargs -0 -r dpkg -S 2>/dev/null | grep -v '^diversion' |
	sed 's|: /|\t/|' >"$tmp/dpkg"
awk -F'\t' 'NR == FNR { split($1, a, ", "); sub(/:.*/, "", a[1]); own[$2] = a[1]; next }
	{ split($0, c, " ");
	  if (!(c[1] in best) || c[2] + 0 < rank[c[1]]) if (c[3] in own) { best[c[1]] = own[c[3]]; rank[c[1]] = c[2] + 0 }
	  seen[c[1]] = 1 }
	END { for (f in seen) print (f in best ? best[f] : "-"), f }' "$tmp/dpkg" "$tmp/candidates" |
	sort >"$tmp/owners.all"
unowned=0
while read -r pkg f; do
	[ "$pkg" = - ] || continue
	echo "FAIL: $f is used by the build but belongs to no Debian package"
	unowned=$((unowned + 1))
done <"$tmp/owners.all"
grep -v '^- ' "$tmp/owners.all" >"$tmp/owners"

# What setup's packages bring in.
# shellcheck disable=SC2046
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
	--no-replaces --no-enhances $(cat "$tmp/listed") 2>/dev/null |
	grep -v '^ ' | tr -d '<>' | sed 's/:.*//' >"$tmp/closure"
cat "$tmp/listed" >>"$tmp/closure"
sort -u -o "$tmp/closure" "$tmp/closure"

missing=0
for pkg in $(cut -d' ' -f1 "$tmp/owners" | sort -u); do
	grep -qxF "$pkg" "$tmp/closure" && continue
	prio=$(dpkg-query -W -f='${Priority}' "$pkg" 2>/dev/null)
	[ "$prio" = required ] || [ "$prio" = important ] && continue
	echo "FAIL: missing from setup: $pkg (needed for $(grep -m1 "^$pkg " "$tmp/owners" | cut -d' ' -f2))"
	missing=$((missing + 1))
done
n=$(cut -d' ' -f1 "$tmp/owners" | sort -u | wc -l)
nf=$(wc -l <"$tmp/used.sorted")
if [ $missing -gt 0 ] || [ $unowned -gt 0 ]; then
	echo "$missing of the $n packages the build uses are not installed by setup;" \
		"$unowned files belong to no package"
	exit 1
fi
echo "setup installs all $n packages that the build uses ($nf files and programs)"
exit 0
