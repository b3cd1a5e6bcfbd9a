using QRCoder;

namespace Maestro.Server.Remote;

/// <summary>The QR code of a remote URL: SVG for the editors, text blocks for the terminal (QRCoder).</summary>
public static class RemoteQr
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4);
    }

    /// <summary>Half-block characters, two modules a line: scannable from a terminal with a dark or light theme.</summary>
    public static string Text(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var ascii = new AsciiQRCode(data);
        return ascii.GetGraphicSmall();
    }
}
