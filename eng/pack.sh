#!/usr/bin/env bash
# Packs CnnZoo.Architectures, CnnZoo.MLNet and CnnZoo.MLNet.Reports into artifacts/packages under a fresh prerelease version
# (<Version>-dev.<UTC timestamp>), for the notebooks in samples/Notebooks: their NuGet.Config adds that folder and their
# first cell says #r "nuget: CnnZoo.MLNet, *-*". A new version every time keeps NuGet's cache from serving an old DLL;
# older dev packages are removed from artifacts/packages and from the NuGet global packages folder.
# Usage: eng/pack.sh [--configuration Release|Debug] [--no-build]   (prints the version on its last line)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=Release
build=()
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--configuration) configuration="$2"; shift 2 ;;
    --no-build) build=(--no-build); shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "pack.sh: unknown argument '$1'" >&2; exit 64 ;;
  esac
done

base=$(sed -n 's:.*<Version[^>]*>\([0-9][0-9.]*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
version="${base:-0.1.0}-dev.$(date -u +%Y%m%d%H%M%S%3N)"
out="$root/artifacts/packages"
mkdir -p "$out"
rm -f "$out"/CnnZoo.Architectures.*.nupkg "$out"/CnnZoo.MLNet.*.nupkg "$out"/CnnZoo.MLNet.Reports.*.nupkg

global=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
if [ -n "$global" ]; then
  for id in cnnzoo.architectures cnnzoo.mlnet cnnzoo.mlnet.reports; do
    [ -d "$global/$id" ] && find "$global/$id" -mindepth 1 -maxdepth 1 -type d -name '*-dev.*' -exec rm -rf {} +
  done
fi

for project in src/CnnZoo.Architectures/CnnZoo.Architectures.csproj src/CnnZoo.MLNet/CnnZoo.MLNet.csproj src/CnnZoo.MLNet.Reports/CnnZoo.MLNet.Reports.csproj; do
  dotnet pack "$project" --nologo -v quiet -c "$configuration" -o "$out" -p:Version="$version" "${build[@]}" >&2
done
echo "packed CnnZoo.Architectures, CnnZoo.MLNet and CnnZoo.MLNet.Reports $version into $out" >&2
echo "$version"
