using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Maestro.Server.Remote;

/// <summary>The machine's address on its local network, for <c>remote/start {lan: true}</c>.</summary>
public static class LanAddress
{
    /// <summary>The first IPv4 address of an interface that is up, not loopback and not link-local; null when none.</summary>
    public static IPAddress? Find()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address) && !IsLinkLocal(address))
                {
                    return address;
                }
            }
        }

        return null;
    }

    private static bool IsLinkLocal(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes[0] == 169 && bytes[1] == 254;
    }
}
