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
        Assert.Equal(["$.list[1].a: recorded, absent live"], JsonShape.Differences(recorded, JsonNode.Parse("""{"id":"","n":1,"ok":true,"list":[{"a":0},{}],"none":null}""")));
    }

    [Fact]
    public void A_list_may_hold_its_recorded_kinds_of_element_in_any_number_and_order()
    {
        var recorded = JsonNode.Parse("""[{"type":"prompt","text":"hi"},{"type":"status","status":"idle"}]""");
        Assert.Empty(JsonShape.Differences(recorded, JsonNode.Parse("""[{"type":"status","status":"running"}]""")));
        Assert.Empty(JsonShape.Differences(recorded, JsonNode.Parse("""[{"type":"prompt","text":"a"},{"type":"status","status":"x"},{"type":"status","status":"y"}]""")));
        Assert.Equal(["$[0].text: recorded, absent live", "$[0].usage: live, absent from the recording"], JsonShape.Differences(recorded, JsonNode.Parse("""[{"type":"usage","usage":{}}]""")));
    }
}
