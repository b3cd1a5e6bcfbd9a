using System.CommandLine;

namespace Maestro.Server.Cli;

/// <summary>
/// <c>maestro completion bash|zsh|fish</c>: a script for the shell's tab completion. Each script asks
/// <c>maestro</c> itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completions
/// always match the installed version's commands and options.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # maestro tab completion for bash: eval "$(maestro completion bash)" in ~/.bashrc
        _maestro_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(maestro "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _maestro_complete maestro
        """;

    private const string Zsh = """
        # maestro tab completion for zsh: eval "$(maestro completion zsh)" in ~/.zshrc (after compinit)
        _maestro() {
          local line="${words[1,CURRENT]}"
          local -a completions
          completions=("${(@f)$(maestro "[suggest:${#line}]" "$line" 2>/dev/null)}")
          compadd -a completions
        }
        compdef _maestro maestro
        """;

    private const string Fish = """
        # maestro tab completion for fish: maestro completion fish > ~/.config/fish/completions/maestro.fish
        complete -c maestro -f -a '(set -l line (commandline -cp); maestro "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)'
        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a tab-completion script for bash, zsh or fish.") { shell };
        command.SetAction(result =>
        {
            CliConsole.Out.WriteLine(result.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => Fish,
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
