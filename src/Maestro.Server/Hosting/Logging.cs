using Serilog;
using Serilog.Events;

namespace Maestro.Server.Hosting;

/// <summary>Serilog to a rolling file under <c>$MAESTRO_HOME/logs</c> and, when asked, to stderr. Never to stdout.</summary>
public static class Logging
{
    public static Serilog.ILogger CreateLogger(MaestroPaths paths, string fileStem, bool toStderr)
    {
        paths.EnsureHome();
        var level = Enum.TryParse<LogEventLevel>(Environment.GetEnvironmentVariable("MAESTRO_LOG_LEVEL"), true, out var parsed)
            ? parsed
            : LogEventLevel.Information;
        // The day's file is created 0600 before Serilog opens it (the logs folder is 0700 besides).
        PrivateFiles.Precreate(Path.Combine(paths.LogsDirectory, $"{fileStem}-{DateTime.Now:yyyyMMdd}.log"));
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.WithProperty("Pid", Environment.ProcessId)
            .WriteTo.File(
                Path.Combine(paths.LogsDirectory, fileStem + "-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 32 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                shared: true,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] ({Pid}) {SourceContext}: {Message:lj}{NewLine}{Exception}");
        if (toStderr && Environment.GetEnvironmentVariable("MAESTRO_LOG_STDERR") != "0")
        {
            config = config.WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}");
        }

        return config.CreateLogger();
    }
}
