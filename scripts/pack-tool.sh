#!/usr/bin/env bash
# Packs the server as a .NET tool (package Maestro.Cli, command `maestro`) into a local feed, artifacts/nupkg:
#   dotnet tool install -g Maestro.Cli --add-source artifacts/nupkg
# The tool is framework-dependent (it needs the .NET 10 runtime, as every .NET tool does) and carries the native
# libraries of every platform (LibGit2Sharp, SQLite), so the one package installs on Linux, macOS and Windows.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/nupkg}"
echo "==> Maestro.Cli (.NET tool) into $out"
dotnet pack src/Maestro.Server/Maestro.Server.csproj -c Release -p:MaestroTool=true -o "$out" -nologo -clp:ErrorsOnly
ls -l "$out"/Maestro.Cli.*.nupkg | awk '{print "    " $NF " " int($5/1024/1024) " MB"}'
