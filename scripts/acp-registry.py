#!/usr/bin/env python3
"""Writes Maestro's entry for the ACP registry (github.com/agentclientprotocol/registry): agent.json and icon.svg in
artifacts/acp-registry/maestro/, and the release archives its binary distribution points at, one per platform whose
self-contained server ./build.sh published under artifacts/server/<rid>/ (./build.sh --all-platforms for all five).

  scripts/acp-registry.py --repository https://github.com/OWNER/maestro [--version 0.1.0]

Upload artifacts/acp-registry/release/* to the GitHub release tagged v<version>, then open a pull request adding the
maestro/ folder to the registry. The entry is checked here against the registry's published rules (CONTRIBUTING.md:
id, semantic version, archive formats, no /latest/ URLs, version in the URLs, a 16x16 monochrome currentColor icon).
"""
import argparse
import json
import pathlib
import re
import sys
import tarfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
# .NET runtime identifier -> the registry's platform key, archive suffix and the command inside the archive.
PLATFORMS = {
    "linux-x64": ("linux-x86_64", ".tar.gz", "./maestro"),
    "linux-arm64": ("linux-aarch64", ".tar.gz", "./maestro"),
    "osx-x64": ("darwin-x86_64", ".tar.gz", "./maestro"),
    "osx-arm64": ("darwin-aarch64", ".tar.gz", "./maestro"),
    "win-x64": ("windows-x86_64", ".zip", "maestro.exe"),
}


def project_version():
    props = (ROOT / "Directory.Build.props").read_text()
    return re.search(r"<Version>([^<]+)</Version>", props).group(1)


def pack(rid, server, archive):
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(server.rglob("*")):
                if f.is_file():
                    z.write(f, f.relative_to(server))
    else:
        with tarfile.open(archive, "w:gz") as t:
            for f in sorted(server.iterdir()):
                t.add(f, arcname=f.name)  # keeps the executable bit of ./maestro


def check(entry, icon):
    problems = []
    if not re.fullmatch(r"[a-z][a-z0-9-]*", entry["id"]):
        problems.append("id: lowercase letters, digits and hyphens, starting with a letter")
    if not re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]):
        problems.append("version: x.y.z, numbers only")
    for key in ("name", "description", "distribution"):
        if not entry.get(key):
            problems.append(f"{key} is required")
    for platform, target in entry["distribution"].get("binary", {}).items():
        url = target["archive"]
        if "/latest/" in url:
            problems.append(f"{platform}: no /latest/ URLs")
        if f"/v{entry['version']}/" not in url:
            problems.append(f"{platform}: the URL must carry the version (/download/v{entry['version']}/)")
        if not re.search(r"\.(zip|tar\.gz|tgz|tar\.bz2|tbz2)$", url):
            problems.append(f"{platform}: an archive the registry takes (.zip, .tar.gz, ...)")
    if not re.search(r'width="16"', icon) or not re.search(r'height="16"', icon):
        problems.append("icon: 16x16")
    for attr in re.findall(r'(?:fill|stroke)="([^"]*)"', icon):
        if attr not in ("currentColor", "none", "inherit"):
            problems.append(f"icon: monochrome only (currentColor), found '{attr}'")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repository", required=True, help="the GitHub repository whose releases carry the archives")
    parser.add_argument("--version", default=project_version())
    parser.add_argument("--no-archives", action="store_true", help="write the entry for every platform without packing")
    args = parser.parse_args()
    repository = args.repository.rstrip("/")
    out = ROOT / "artifacts" / "acp-registry"
    release = out / "release"
    (out / "maestro").mkdir(parents=True, exist_ok=True)
    release.mkdir(parents=True, exist_ok=True)

    binary = {}
    for rid, (platform, suffix, cmd) in PLATFORMS.items():
        server = ROOT / "artifacts" / "server" / rid
        name = f"maestro-{rid}{suffix}"
        if not args.no_archives:
            if not (server / cmd.removeprefix("./")).exists():
                continue
            pack(rid, server, release / name)
        binary[platform] = {
            "archive": f"{repository}/releases/download/v{args.version}/{name}",
            "cmd": cmd,
            "args": ["acp"],
        }
    if not binary:
        sys.exit("No server published under artifacts/server/<rid>/: run ./build.sh (--all-platforms), or pass --no-archives.")

    entry = {
        "id": "maestro",
        "name": "Maestro",
        "version": args.version,
        "description": "Claude Code, Codex, OpenCode, Gemini CLI and any ACP agent behind one agent: worktrees, Playbooks run as plans, group chat, sessions shared with VS Code, the CLI and the phone.",
        "repository": repository,
        "website": f"{repository}/blob/main/docs/acp-agent.md",
        "authors": ["Maestro contributors"],
        "distribution": {"binary": binary},
    }
    icon = (ROOT / "packaging" / "acp-registry" / "icon.svg").read_text()
    problems = check(entry, icon)
    if problems:
        sys.exit("The registry would refuse this entry:\n  " + "\n  ".join(problems))
    (out / "maestro" / "agent.json").write_text(json.dumps(entry, indent=2) + "\n")
    (out / "maestro" / "icon.svg").write_text(icon)
    print(f"wrote {out / 'maestro'} ({', '.join(binary)}) and {len(list(release.iterdir()))} archives in {release}")


if __name__ == "__main__":
    main()
