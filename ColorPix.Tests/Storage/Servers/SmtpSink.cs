using System.Diagnostics;
using System.Text;

namespace ColorPix.Tests.Storage.Servers;

/// <summary>
/// A real SMTP server that accepts every message and prints it: Debian's aiosmtpd with its debugging handler
/// (`python3 -m aiosmtpd -n`), started on a free loopback port. <see cref="WaitForMessageAsync"/> returns a message
/// once it has arrived, headers and body as the server received them.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private const string Start = "---------- MESSAGE FOLLOWS ----------", End = "------------ END MESSAGE ------------";

    private readonly Process process;
    private readonly List<string> messages = [];
    private readonly StringBuilder current = new();
    private readonly Lock gate = new();
    private bool inMessage;

    public int Port { get; }

    private SmtpSink(int port)
    {
        Port = port;
        process = ChildProcess.Start(new ProcessStartInfo("/usr/bin/python3", ["-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}"]), Read);
    }

    public static async Task<SmtpSink> StartAsync()
    {
        var port = ChildProcess.FreePort();
        var sink = new SmtpSink(port);
        await ChildProcess.WaitForPortAsync(port, sink.process, TimeSpan.FromSeconds(20));
        return sink;
    }

    /// <summary>The settings that send ColorPix's alert mail here.</summary>
    public Dictionary<string, string?> MailSettings() => MailSettingsFor(Port);

    /// <summary>The settings that send ColorPix's alert mail to a loopback port (a sink, or nothing listening).</summary>
    public static Dictionary<string, string?> MailSettingsFor(int port) => new()
    {
        ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = port.ToString(), ["Mail:Security"] = "none", ["Mail:To:0"] = "admin@colorpix.test",
        ["Mail:PollSeconds"] = "0.2",
    };

    /// <summary>The first message containing <paramref name="text"/>; fails after the timeout.</summary>
    public async Task<string> WaitForMessageAsync(string text, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            lock (gate)
                if (messages.FirstOrDefault(m => m.Contains(text, StringComparison.Ordinal)) is { } message) return message;
            await Task.Delay(100);
        }
        lock (gate) throw new TimeoutException($"no mail containing '{text}' arrived; {messages.Count} did: {string.Join(" | ", messages.Select(m => m.Split('\n')[0]))}");
    }

    public int Count
    {
        get { lock (gate) return messages.Count; }
    }

    private void Read(string line)
    {
        lock (gate)
        {
            if (line == Start) (inMessage, current.Length) = (true, 0);
            else if (line == End && inMessage)
            {
                inMessage = false;
                messages.Add(current.ToString());
            }
            else if (inMessage) current.AppendLine(line);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
