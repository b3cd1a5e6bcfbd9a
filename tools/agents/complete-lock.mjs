// The npm registry reachable here does not serve opencode-ai's platform packages other than
// linux-x64 (404), so `npm install` leaves them out of package-lock.json and `npm ci` then
// refuses the lockfile as "out of sync". This adds each missing optional platform package with
// its os/cpu/libc, so `npm ci` skips it on a platform it does not fit, without fetching it.
// Run after any `npm install` here: node complete-lock.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("./package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;
let added = 0;

function platformOf(name) {
  const os = name.includes("darwin") ? "darwin" : name.includes("windows") || name.includes("win32") ? "win32" : "linux";
  const cpu = name.includes("arm64") ? "arm64" : "x64";
  const entry = { os: [os], cpu: [cpu] };
  if (name.includes("musl")) entry.libc = ["musl"];
  return entry;
}

for (const [path, pkg] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key] || version.startsWith("npm:")) continue;
    packages[key] = { version, optional: true, ...platformOf(dep) };
    added++;
    console.log(`complete-lock: added ${key}@${version} (wanted by ${path})`);
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
console.log(`complete-lock: ${added} entries added`);
