// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName

enum class HostState {
    @SerializedName("offline") OFFLINE,
    @SerializedName("connecting") CONNECTING,
    @SerializedName("online") ONLINE,
}

data class HostAddParams(
    val name: String,
    /** A Host of the ssh config, or `[user@]host[:port]`; never starting with '-'. */
    val destination: String,
    /** `ssh -o` options as `Key=Value`; those that disable host key checking are refused. */
    val options: List<String>? = null,
    val env: Map<String, String>? = null,
    val folder: String? = null,
)

/** An agent whose command is on a host's PATH. */
data class HostAgent(
    /** The agent's id, as in `agents/list`. */
    val id: String,
    /** Its command's path on the host. */
    val path: String,
)

/** A machine reached over SSH where agents can run (docs/hosts.md). OpenSSH is the transport: Maestro runs the user's `ssh` with the destination and options, and never turns off its host key checking. */
data class HostInfo(
    /** The short name the user picked: letters, digits, '.', '_' and '-'; unique, case-insensitively. */
    val name: String,
    /** A Host of the ssh config, or `[user@]host[:port]` (IPv6 as `[addr]:port`). */
    val destination: String,
    /** Extra `ssh -o` options, each `Key=Value`, in order. */
    val options: List<String>,
    /** Environment for the host's agents. */
    val env: Map<String, String>,
    /** The host's default folder for sessions (a path on that host). */
    val folder: String? = null,
    /** What the user should know about the options: those that run programs on this machine (`ProxyCommand`, `LocalCommand`, …) or weaken host key checking (`StrictHostKeyChecking=accept-new`). */
    val warnings: List<String>,
    val createdAt: String,
    /** The local daemon's connection to the host (started on first use: a session there, or a session list). */
    val state: HostState = HostState.OFFLINE,
    /** Why the last connection attempt failed or the connection was lost, in words a user can act on. */
    val lastError: String? = null,
)

/** The server is on the host, in `~/.maestro/bin/<version>/`. */
data class HostInstallResult(
    val name: String,
    val rid: String,
    /** This server's version, the folder's name. */
    val version: String,
    /** The remote executable's path. */
    val path: String,
    /** False when that version was already there and nothing was copied. */
    val copied: Boolean,
    /** Bytes sent (the tar stream); 0 when nothing was copied. */
    val bytes: Long = 0L,
    /** What the installed `maestro --version` printed on the host. */
    val remoteVersion: String,
)

data class HostListResult(
    val hosts: List<HostInfo>,
)

/** A `maestro` found on a host. */
data class HostMaestro(
    /** Its path on the host. */
    val path: String,
    /** What its `--version` printed (the version number); absent when it did not run. */
    val version: String? = null,
    /** True when it is the copy `hosts/install` puts in `~/.maestro/bin/<version>` for this build's version. */
    val installed: Boolean,
    /** True when its version is this server's. */
    val sameVersion: Boolean,
)

data class HostNameParams(
    val name: String,
)

/** What `hosts/test` found on the host after connecting. */
data class HostTestResult(
    val name: String,
    /** The remote `uname -sm`, e.g. `Linux x86_64`. */
    val platform: String,
    /** The .NET runtime identifier of the host (`linux-x64`, `osx-arm64`, …); absent when Maestro has no build for that platform. */
    val rid: String? = null,
    /** The remote `maestro`: this version under `~/.maestro/bin`, else one on the remote PATH; absent when none. */
    val maestro: HostMaestro? = null,
    /** The known agents whose command is on the remote PATH. */
    val agents: List<HostAgent>,
    /** What to do next when something is missing (e.g. no maestro: `hosts/install`). */
    val hint: String? = null,
    /** How long connecting and probing took, in milliseconds. */
    val elapsedMs: Long,
)
