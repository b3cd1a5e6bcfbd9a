using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>The normalized event every agent adapter produces; <c>type</c> names the case.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PromptEvent), "prompt")]
[JsonDerivedType(typeof(MessageDeltaEvent), "messageDelta")]
[JsonDerivedType(typeof(MessageEvent), "message")]
[JsonDerivedType(typeof(ToolCallEvent), "toolCall")]
[JsonDerivedType(typeof(ToolCallUpdateEvent), "toolCallUpdate")]
[JsonDerivedType(typeof(FileChangeEvent), "fileChange")]
[JsonDerivedType(typeof(PlanEvent), "plan")]
[JsonDerivedType(typeof(PermissionRequestEvent), "permissionRequest")]
[JsonDerivedType(typeof(UsageEvent), "usage")]
[JsonDerivedType(typeof(StatusEvent), "status")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
[JsonDerivedType(typeof(OutageEvent), "outage")]
public abstract record SessionEvent;
