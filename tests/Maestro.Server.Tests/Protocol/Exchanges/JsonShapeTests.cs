using System.Text.Json.Nodes;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>The shape check that keeps the committed exchanges honest must itself see a changed shape.</summary>
public sealed class JsonShapeTests
{
    [Fact]
    public void Values_may_differ_but_not_members_kinds_or_emptiness()
    {
        var recorded = JsonNode.Parse("""{"id":"s_1","n":1,"ok":true,"list":[{"a":1}],"none":null}""");
        Assert.Empty(JsonShape.Differences(recorded, JsonNode.Parse("""{"id":"s_2","n":7.5,"ok":false,"list":[{"a":2},{"a":3}],"none":null}""")));

        Assert.Equal(
            ["$.id: recorded, absent live", "$.extra: live, absent from the recording", "$.n: recorded number, live string", "$.ok: recorded boolean, live null", "$.list: recorded 1 elements, live 0", "$.none: recorded null, live object"],
            JsonShape.Differences(recorded, JsonNode.Parse("""{"extra":1,"n":"1","ok":null,"list":[],"none":{}}""")));
        Assert.Equal(["$.list[0].a: recorded, absent live"], JsonShape.Differences(recorded, JsonNode.Parse("""{"id":"","n":1,"ok":true,"list":[{}],"none":null}""")));
    }
}
