using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Hosts;
using Maestro.Server.Processes;

namespace Maestro.Server.Tests.Hosts;

/// <summary>What Maestro hands ssh: destinations that cannot become options, options that cannot undo its own, platforms to RIDs.</summary>
public sealed class SshArgumentsTests
{
    [Theory]
    [InlineData("gpu-box", null, "gpu-box", null)]
    [InlineData("alice@build.example.com", "alice", "build.example.com", null)]
    [InlineData("alice@10.0.0.5:2222", "alice", "10.0.0.5", 2222)]
    [InlineData("[::1]:2200", null, "::1", 2200)]
    [InlineData("deploy@[fe80::1]", "deploy", "fe80::1", null)]
    public void Destinations_parse_into_user_host_and_port(string destination, string? user, string host, int? port)
        => Assert.Equal(new SshDestination(user, host, port), SshDestination.Parse(destination));

    [Theory]
    [InlineData("-oProxyCommand=touch /tmp/x")]
    [InlineData("-p")]
    [InlineData("host;rm -rf ~")]
    [InlineData("$(id)@host")]
    [InlineData("a b")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("")]
    [InlineData("user@")]
    [InlineData("host\n-oProxyCommand=x")]
    public void Destinations_that_could_become_options_or_commands_are_refused(string destination)
        => Assert.Throws<InvalidParamsException>(() => SshDestination.Parse(destination));

    [Fact]
    public void A_port_goes_before_the_end_of_options_and_the_target_after_it()
    {
        Assert.Equal(["-p", "2222", "--", "alice@10.0.0.5"], SshDestination.Parse("alice@10.0.0.5:2222").Arguments);
        Assert.Equal(["--", "gpu-box"], SshDestination.Parse("gpu-box").Arguments);
        Assert.Equal("ssh -p 2222 alice@10.0.0.5", SshDestination.Parse("alice@10.0.0.5:2222").SshCommand);
        Assert.Equal("ssh-keyscan -p 2222 10.0.0.5", SshDestination.Parse("alice@10.0.0.5:2222").KeyscanCommand);
    }

    [Fact]
    public void Maestro_s_own_options_come_first_so_a_host_s_options_cannot_undo_them()
    {
        var ssh = new SshClient(new ProcessRunner(), new MaestroOptions { Paths = new MaestroPaths("/nonexistent"), SshConfigPath = "/tmp/cfg" });
        var host = new HostRecord("h", "bob@h.example:22", ["ProxyJump=bastion"], new Dictionary<string, string>(), null, DateTimeOffset.UnixEpoch);
        var arguments = ssh.Arguments(host, "echo hi");
        Assert.Equal(["-F", "/tmp/cfg", "-T", "-o", "BatchMode=yes", "-o", "ClearAllForwardings=yes", "-o", "ConnectTimeout=15", "-o", "ProxyJump=bastion", "-p", "22", "--", "bob@h.example", "echo hi"], arguments);
        Assert.DoesNotContain(arguments, a => a.Contains("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("StrictHostKeyChecking=no")]
    [InlineData("StrictHostKeyChecking off")]
    [InlineData("stricthostkeychecking = FALSE")]
    [InlineData("BatchMode=no")]
    [InlineData("RemoteCommand=sh")]
    [InlineData("RequestTTY=force")]
    [InlineData("Include=/tmp/other")]
    [InlineData("-oProxyCommand=x")]
    [InlineData("ProxyCommand")]
    [InlineData("Port=22\nProxyCommand=x")]
    [InlineData("")]
    public void Options_that_disable_checks_take_over_the_connection_or_are_malformed_are_refused(string option)
        => Assert.Throws<InvalidParamsException>(() => SshOption.Check(option));

    [Theory]
    [InlineData("ProxyCommand=nc %h %p", "runs a program on this machine")]
    [InlineData("LocalCommand echo hi", "runs a program on this machine")]
    [InlineData("PermitLocalCommand=yes", "runs a program on this machine")]
    [InlineData("KnownHostsCommand=/usr/bin/keys %H", "runs a program on this machine")]
    [InlineData("StrictHostKeyChecking=accept-new", "unseen")]
    public void Options_that_run_programs_or_trust_unseen_keys_are_accepted_with_a_warning(string option, string warning)
        => Assert.Contains(warning, SshOption.Check(option), StringComparison.Ordinal);

    [Theory]
    [InlineData("ProxyJump=bastion")]
    [InlineData("ServerAliveInterval 30")]
    [InlineData("StrictHostKeyChecking=yes")]
    [InlineData("IdentityFile=~/.ssh/id_work")]
    public void Plain_options_pass_without_a_warning(string option)
        => Assert.Null(SshOption.Check(option));

    [Theory]
    [InlineData("Linux x86_64", "linux-x64")]
    [InlineData("Linux aarch64", "linux-arm64")]
    [InlineData("Darwin arm64", "osx-arm64")]
    [InlineData("Darwin x86_64", "osx-x64")]
    [InlineData("FreeBSD amd64", null)]
    [InlineData("Linux armv7l", null)]
    [InlineData("", null)]
    public void Uname_maps_to_the_runtime_identifier_of_a_published_build(string uname, string? rid)
        => Assert.Equal(rid, RemotePlatform.RidOf(uname));

    [Fact]
    public void Quoting_survives_single_quotes()
        => Assert.Equal("exec sh -c 'echo '\\''hi'\\'''", ShellQuote.ShCommand("echo 'hi'"));
}
