#!/usr/bin/env bash
# Packs CnnZoo.Architectures, CnnZoo.MLNet and CnnZoo.MLNet.Reports, and the `cnnzoo` command line as a dotnet tool, into artifacts/packages
# under a fresh prerelease version (<Version>-dev.<UTC timestamp>). The notebooks in samples/Notebooks use the libraries
# (their NuGet.Config adds that folder and their first cell says #r "nuget: CnnZoo.MLNet, *-*"); the tool installs with
# `dotnet tool install cnnzoo --add-source artifacts/packages --version <version>`. A new version every time keeps NuGet's
# cache from serving an old DLL; older dev packages of what is packed are removed from artifacts/packages and from the
# NuGet global packages folder.
# The tool is RID-specific (src/CnnZoo.Cli/CnnZoo.Cli.csproj): a pointer package `cnnzoo` plus `cnnzoo.<rid>` with only
# that platform's libtorch; by default for this machine's RID only.
# Usage: eng/pack.sh [--configuration Release|Debug] [--no-build] [--only libraries|tool] [--rid RID[;RID...]]
#   --no-build  pack what was built (the tool needs a build per RID: dotnet build src/CnnZoo.Cli -r <rid>)
#   --only      pack just the libraries or just the tool (default: both)
#   --rid       the tool's platforms, e.g. 'linux-x64;win-x64;osx-arm64' (default: this machine's, from dotnet --info)
# Prints the version on its last line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=Release
build=()
only=
rids=
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--configuration) configuration="$2"; shift 2 ;;
    --no-build) build=(--no-build); shift ;;
    --only) only="$2"; shift 2 ;;
    --rid) rids="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "pack.sh: unknown argument '$1'" >&2; exit 64 ;;
  esac
done
case "$only" in
  '') libraries=true; tool=true ;;
  libraries) libraries=true; tool=false ;;
  tool) libraries=false; tool=true ;;
  *) echo "pack.sh: --only takes libraries or tool, not '$only'" >&2; exit 64 ;;
esac
[ -n "$rids" ] || rids=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)

base=$(sed -n 's:.*<Version[^>]*>\([0-9][0-9.]*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
version="${base:-0.1.0}-dev.$(date -u +%Y%m%d%H%M%S%3N)"
out="$root/artifacts/packages"
mkdir -p "$out"
# One pack at a time (test projects run in parallel, and two packs would build the same projects and clean each other up).
exec 9>"$out/.pack.lock"
flock 9
# Children must not inherit the locked descriptor: a reusable MSBuild node started by `dotnet pack` outlives this
# script and would hold the lock for its idle timeout, stalling the next pack (seen in a CI run: 12 minutes).
dotnet() { command dotnet "$@" 9>&-; }
export MSBUILDDISABLENODEREUSE=1
global=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')

# Removes the given package ids (lower case, as in the global packages folder) from artifacts/packages and their dev
# versions from the global packages folder.
remove_dev_packages() {
  local id
  for id in "$@"; do
    find "$out" -maxdepth 1 -type f -iname "$id.[0-9]*.nupkg" -delete
    [ -n "$global" ] && [ -d "$global/$id" ] && find "$global/$id" -mindepth 1 -maxdepth 1 -type d -name '*-dev.*' -exec rm -rf {} +
  done
  return 0
}

if $libraries; then
  remove_dev_packages cnnzoo.architectures cnnzoo.mlnet cnnzoo.mlnet.reports cnnzoo.onnx
  for project in src/CnnZoo.Architectures/CnnZoo.Architectures.csproj src/CnnZoo.MLNet/CnnZoo.MLNet.csproj src/CnnZoo.MLNet.Reports/CnnZoo.MLNet.Reports.csproj src/CnnZoo.Onnx/CnnZoo.Onnx.csproj; do
    dotnet pack "$project" --nologo -v quiet -c "$configuration" -o "$out" -p:Version="$version" "${build[@]}" >&2
  done
  echo "packed CnnZoo.Architectures, CnnZoo.MLNet, CnnZoo.MLNet.Reports and CnnZoo.Onnx $version into $out" >&2
fi

if $tool; then
  # The pointer package and every RID package, also of RIDs packed earlier (their ids are cnnzoo.<os>-<arch>).
  tool_ids=(cnnzoo)
  shopt -s nullglob
  for dir in "$out"/cnnzoo.*-*.nupkg "${global:-/nonexistent}"/cnnzoo.*-*; do
    name=$(basename "$dir"); name=${name%%.[0-9]*}
    case "$name" in cnnzoo.*-*) tool_ids+=("${name,,}") ;; esac
  done
  remove_dev_packages $(printf '%s\n' "${tool_ids[@]}" | sort -u)
  dotnet pack src/CnnZoo.Cli/CnnZoo.Cli.csproj --nologo -v quiet -c "$configuration" -o "$out" -p:Version="$version" \
    -p:ToolPackageRuntimeIdentifiers="${rids//,/;}" "${build[@]}" >&2
  echo "packed the cnnzoo tool $version for ${rids//,/;}: $(cd "$out" && ls -s --block-size=M cnnzoo*."$version".nupkg | tr '\n' ' ')" >&2
fi
echo "$version"
