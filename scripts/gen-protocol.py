#!/usr/bin/env python3
"""Writes the TypeScript and Kotlin mirrors of the C# records of src/Maestro.Protocol.

Maestro.Protocol is the single source of truth for the wire; from one parse of it this writes
clients/protocol/protocol.ts (VS Code extension, panel) and the protocol package of the Rider client's core,
clients/rider/core/src/main/kotlin/maestro/core/protocol/ (the files that start with the GENERATED header; the
package's hand-written glue, MaestroJson.kt and the adapter factories, is left alone).
`--check` exits 1 when a committed file differs from what the C# says, or a generated Kotlin file is left over
(the test command runs it).
The mapping is deliberately narrow: it understands the shapes the protocol project uses (sealed records with
init properties, enums with the camelCase converter, one polymorphic SessionEvent, string/int constants) and fails
loudly on anything else, so a new kind of C# construct gets a decision instead of a silent `any`.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "Maestro.Protocol"
TS_OUT = ROOT / "clients" / "protocol" / "protocol.ts"
KT_DIR = ROOT / "clients" / "rider" / "core" / "src" / "main" / "kotlin" / "maestro" / "core" / "protocol"
KT_HEADER = "// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand"

VALUE_TYPES = {"bool", "int", "long", "double", "decimal", "float", "DateTimeOffset"}

PRIMITIVES = {
    "string": "string", "bool": "boolean", "int": "number", "long": "number", "double": "number",
    "decimal": "number", "float": "number", "DateTimeOffset": "string", "JsonElement": "unknown", "object": "unknown",
}


def camel(name: str) -> str:
    return name[0].lower() + name[1:]


def ts_type(cs: str) -> str:
    cs = cs.strip()
    if cs.endswith("?"):
        return ts_type(cs[:-1])
    m = re.fullmatch(r"(?:IReadOnlyList|IList|List|IEnumerable)<(.+)>", cs) or re.fullmatch(r"(.+)\[\]", cs)
    if m:
        inner = ts_type(m.group(1))
        return f"({inner})[]" if " " in inner else f"{inner}[]"
    m = re.fullmatch(r"(?:IReadOnlyDictionary|Dictionary|IDictionary)<string,\s*(.+)>", cs)
    if m:
        return f"Record<string, {ts_type(m.group(1))}>"
    if cs in PRIMITIVES:
        return PRIMITIVES[cs]
    if re.fullmatch(r"[A-Z]\w*", cs):
        return cs
    raise SystemExit(f"gen-protocol: no TypeScript mapping for C# type '{cs}'")


def doc_before(lines, i):
    """The <summary> of the member declared at line i, as one line, or None."""
    j = i - 1
    chunk = []
    while j >= 0 and lines[j].strip().startswith("///"):
        chunk.insert(0, lines[j].strip()[3:].strip())
        j -= 1
    text = " ".join(chunk)
    m = re.search(r"<summary>(.*?)</summary>", text)
    if not m:
        return None
    text = re.sub(r"<see cref=\"(?:\w+\.)*(\w+)\"\s*/>", r"\1", m.group(1))
    text = re.sub(r"<c>(.*?)</c>", r"`\1`", text)
    text = re.sub(r"<[^>]+>", "", text).strip()
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.replace("*/", "* /") or None


def parse(files):
    records, enums, consts, events = {}, {}, {}, []
    for path in files:
        text = path.read_text()
        lines = text.splitlines()
        folder = path.parent.relative_to(SRC).as_posix()
        for i, line in enumerate(lines):
            m = re.match(r"\s*public (?:sealed |abstract )?record (\w+)(?:\s*:\s*(\w+))?", line)
            if m:
                name, base = m.group(1), m.group(2)
                body = text[text.index(line):]
                end = body.find("\n}")
                props = []
                blines = body[:end].splitlines()
                for k, bl in enumerate(blines):
                    pm = re.match(r"\s*public (required )?([\w<>?,\[\] ]+?) (\w+) \{ get; init; \}(\s*=\s*(.+);)?", bl)
                    if pm:
                        required, cs_type, prop, _, default = pm.groups()
                        omitted_when_default = k > 0 and "WhenWritingDefault" in blines[k - 1]
                        props.append((camel(prop), cs_type.strip(), bool(required), default is not None, omitted_when_default, doc_before(blines, k), default))
                records[name] = (base, props, doc_before(lines, i), folder)
            m = re.match(r"\s*public enum (\w+)", line)
            if m:
                body = text[text.index(line):]
                # Comments first: a doc comment may hold braces ("{status: running}") or an "=".
                body = body[body.index("{") + 1:]
                body = "\n".join(l for l in body.splitlines() if not l.strip().startswith(("//", "[")))
                body = body[:body.index("}")]
                if "=" in body:
                    # The Kotlin default of an enum member is its first case, C#'s default(T) only without values.
                    raise SystemExit(f"gen-protocol: enum {m.group(1)} sets member values, which is not mapped")
                members = [x.strip() for x in body.split(",") if x.strip()]
                enums[m.group(1)] = (members, doc_before(lines, i), folder)
            m = re.match(r"\s*public static class (Methods|ErrorCodes|ErrorKinds|AgentIds)\b", line)
            if m:
                consts[m.group(1)] = re.findall(r"public const (?:string|int) (\w+) = (\"[^\"]*\"|-?\d+);", text)
            m = re.match(r"\s*\[JsonDerivedType\(typeof\((\w+)\), \"(\w+)\"\)\]", line)
            if m:
                events.append((m.group(1), m.group(2)))
    return records, enums, consts, events


def method_shapes(text):
    """(wire name, kind, params record or None, result record or None) of every [MethodShape] in Methods.cs."""
    shapes = []
    pattern = r"\[MethodShape\(MethodKind\.(\w+), (?:null|typeof\((\w+)\)), (?:null|typeof\((\w+)\))\)\]\s*public const string (\w+) = \"([^\"]+)\";"
    for kind, params, result, _, wire in re.findall(pattern, text):
        shapes.append((wire, camel(kind), params or None, result or None))
    names = re.findall(r"public const string (\w+) = ", text)
    if len(shapes) != len(names):
        raise SystemExit(f"gen-protocol: {len(names) - len(shapes)} method(s) of Methods.cs have no [MethodShape]")
    return shapes



# ---------------------------------------------------------------------------------------------------- TypeScript

def typescript(records, enums, consts, events, shapes, version):
    out = [
        "// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records",
        "// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.",
        "/* eslint-disable */",
        "",
        f"export const PROTOCOL_VERSION = '{version}';",
        "",
    ]
    for cls in ("Methods", "ErrorCodes", "ErrorKinds", "AgentIds"):
        out.append(f"export const {cls} = {{")
        for name, value in consts.get(cls, []):
            out.append(f"  {name}: {value.replace(chr(34), chr(39))},")
        out.append("} as const;")
        out.append("")
    out.append("export type MethodName = (typeof Methods)[keyof typeof Methods];")
    out.append("")
    out.append("/** Who sends each method and the names of its params and result records (null: none, or a `null` answer). */")
    out.append("export const MethodShapes: Readonly<Record<MethodName, { kind: MethodKind; params: string | null; result: string | null }>> = {")
    for wire, kind, params, result in shapes:
        p = f"'{params}'" if params else "null"
        r = f"'{result}'" if result else "null"
        out.append(f"  '{wire}': {{ kind: '{camel(kind)}', params: {p}, result: {r} }},")
    out.append("};")
    out.append("")
    out.append("/** The params and result types of every method, for typed senders and handlers. */")
    out.append("export interface MethodTypes {")
    for wire, kind, params, result in shapes:
        out.append(f"  '{wire}': {{ params: {params or 'void'}; result: {result or 'null'} }};")
    out.append("}")
    out.append("")
    for name in sorted(enums):
        members, doc, _ = enums[name]
        members = [camel(m) for m in members]
        if doc:
            out.append(f"/** {doc} */")
        out.append(f"export type {name} = " + " | ".join(f"'{m}'" for m in members) + ";")
        out.append(f"export const {name}Values: readonly {name}[] = [" + ", ".join(f"'{m}'" for m in members) + "];")
        out.append("")
    discriminator = {cls: tag for cls, tag in events}
    for name in sorted(records):
        base, props, doc, _ = records[name]
        if name == "SessionEvent":
            continue
        if doc:
            out.append(f"/** {doc} */")
        out.append(f"export interface {name} {{")
        if base == "SessionEvent":
            out.append(f"  type: '{discriminator[name]}';")
        elif base is not None:
            raise SystemExit(f"gen-protocol: {name} derives from {base}, which is not mapped")
        for prop, cs_type, required, has_default, omitted_when_default, pdoc, _ in props:
            t = ts_type(cs_type)
            value_type = cs_type.rstrip("?") in VALUE_TYPES or cs_type.rstrip("?") in enums
            # Nulls are never written; value types and defaulted members always are, unless told to skip defaults.
            # What a client sends (…Params) may leave out anything the server does not require.
            optional = not required and (name.endswith("Params") or cs_type.endswith("?") or omitted_when_default or not (value_type or has_default))
            if pdoc:
                out.append(f"  /** {pdoc} */")
            out.append(f"  {prop}{'?' if optional else ''}: {t};")
        out.append("}")
        out.append("")
    out.append("/** The normalized event every agent adapter produces; `type` names the case. */")
    out.append("export type SessionEvent = " + " | ".join(cls for cls, _ in events) + ";")
    out.append("export type SessionEventType = SessionEvent['type'];")
    out.append("export const SessionEventTypes: readonly SessionEventType[] = [" + ", ".join(f"'{tag}'" for _, tag in events) + "];")
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------- Kotlin
#
# Gson builds Kotlin data classes without running their constructors, so a Kotlin default is not applied to a
# member the JSON leaves out. The generated WireMembers table says, per class, which members are required and what
# an absent member defaults to (as C# reads it); WireMembersAdapterFactory (hand-written glue) applies it on read,
# and leaves out the members C# skips when they hold their default on write.

KT_PRIMITIVES = {
    "string": "String", "bool": "Boolean", "int": "Int", "long": "Long", "double": "Double", "float": "Float",
    "decimal": "BigDecimal", "DateTimeOffset": "String", "JsonElement": "JsonElement", "object": "JsonElement",
}
KT_ZERO = {"bool": ("false", "false"), "int": ("0", "0"), "long": ("0L", "0"), "double": ("0.0", "0.0"),
           "float": ("0f", "0.0"), "decimal": ("BigDecimal.ZERO", "0")}
KT_KEYWORDS = {"as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in", "interface", "is",
               "null", "object", "package", "return", "super", "this", "throw", "true", "try", "typealias", "typeof",
               "val", "var", "when", "while"}


def screaming(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).upper()


def kt_name(name: str) -> str:
    return f"`{name}`" if name in KT_KEYWORDS else name


def kt_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


class Kotlin:
    def __init__(self, records, enums, consts, events, shapes, version):
        self.records, self.enums, self.consts, self.events = records, enums, consts, events
        self.shapes, self.version = shapes, version
        top = {n for n in records if records[n][0] != "SessionEvent"} | set(enums)
        # A case of SessionEvent is named without its "Event" suffix, unless that would hide a top-level type of
        # the same name inside the sealed class (UsageEvent -> UsageUpdate, as `Usage` is the record it carries).
        self.event_names = {}
        for cls, _ in events:
            short = cls[:-len("Event")] if cls.endswith("Event") else cls
            self.event_names[cls] = short + "Update" if short in top else short

    def type_name(self, name):
        if name in self.event_names:
            return f"SessionEvent.{self.event_names[name]}"
        return name

    def type_of(self, cs: str) -> str:
        cs = cs.strip().rstrip("?")
        m = re.fullmatch(r"(?:IReadOnlyList|IList|List|IEnumerable)<(.+)>", cs) or re.fullmatch(r"(.+)\[\]", cs)
        if m:
            return f"List<{self.type_of(m.group(1))}>"
        m = re.fullmatch(r"(?:IReadOnlyDictionary|Dictionary|IDictionary)<string,\s*(.+)>", cs)
        if m:
            return f"Map<String, {self.type_of(m.group(1))}>"
        if cs in KT_PRIMITIVES:
            return KT_PRIMITIVES[cs]
        if cs in self.records or cs in self.enums:
            return self.type_name(cs)
        raise SystemExit(f"gen-protocol: no Kotlin mapping for C# type '{cs}'")

    def default_of(self, record, prop, cs_type, default):
        """(Kotlin default expression, JSON an absent member reads as) of a non-required, non-nullable member."""
        bare = cs_type.rstrip("?")
        if default is None:
            if bare in KT_ZERO:
                return KT_ZERO[bare]
            if bare in self.enums:
                first = self.enums[bare][0][0]
                return f"{bare}.{screaming(first)}", f'"{camel(first)}"'
            return None  # a reference type C# leaves null: nullable in Kotlin
        default = default.strip()
        m = re.fullmatch(r"(\w+)\.(\w+)", default)
        if m and m.group(1) in self.enums:
            return f"{m.group(1)}.{screaming(m.group(2))}", f'"{camel(m.group(2))}"'
        if re.fullmatch(r"-?\d+", default) and bare in ("int", "long"):
            return default + ("L" if bare == "long" else ""), default
        if default in ("true", "false") and bare == "bool":
            return default, default
        if re.fullmatch(r'"[^"\\]*"', default) and bare == "string":
            return kt_string(default[1:-1]), default
        if default == "[]":
            return "emptyList()", "[]"
        if default == "new()" and bare in self.records:
            return f"{bare}()", "{}"
        raise SystemExit(f"gen-protocol: no Kotlin default for {record}.{prop} = {default}")

    def member(self, record, prop, cs_type, required, default):
        """(Kotlin declaration, JSON default or None) of one member."""
        t = self.type_of(cs_type)
        if required:
            return f"val {kt_name(prop)}: {t}", None
        if cs_type.endswith("?"):
            return f"val {kt_name(prop)}: {t}? = null", None
        if cs_type == "DateTimeOffset":
            raise SystemExit(f"gen-protocol: {record}.{prop} is a DateTimeOffset that is neither required nor nullable")
        d = self.default_of(record, prop, cs_type, default)
        if d is None:
            return f"val {kt_name(prop)}: {t}? = null", None
        return f"val {kt_name(prop)}: {t} = {d[0]}", d[1]

    def data_class(self, name, indent, supertype=""):
        base, props, doc, _ = self.records[name]
        out = []
        if doc:
            out.append(f"{indent}/** {doc} */")
        simple = self.event_names.get(name, name)
        if not props:
            raise SystemExit(f"gen-protocol: {name} has no members; a Kotlin data class needs one")
        out.append(f"{indent}data class {simple}(")
        for prop, cs_type, required, _, _, pdoc, default in props:
            decl, _ = self.member(name, prop, cs_type, required, default)
            if pdoc:
                out.append(f"{indent}    /** {pdoc} */")
            out.append(f"{indent}    {decl},")
        out.append(f"{indent}){supertype}")
        return out

    def enum_class(self, name):
        members, doc, _ = self.enums[name]
        out = [f"/** {doc} */"] if doc else []
        out.append(f"enum class {name} {{")
        for m in members:
            out.append(f'    @SerializedName("{camel(m)}") {screaming(m)},')
        out.append("}")
        return out

    def session_event(self):
        out = [
            "/**",
            " * The normalized event every agent adapter produces; `type` names the case.",
            " * Read and written by its `type` member (SessionEventAdapterFactory); a type this client does not know is kept",
            " * as [Unknown].",
            " */",
            "sealed class SessionEvent {",
            "    val type: String get() = typeOf(this)",
            "",
        ]
        for cls, _ in self.events:
            out += self.data_class(cls, "    ", " : SessionEvent()")
            out.append("")
        out += [
            "    /** An event type added to the server after this client was written; [raw] is the whole event object. */",
            "    data class Unknown(val raw: JsonObject) : SessionEvent()",
            "",
            "    companion object {",
            "        /** The case of each `type`, in the order of the C# [JsonDerivedType] list. */",
            "        val types: Map<String, Class<out SessionEvent>> = linkedMapOf(",
        ]
        for cls, tag in self.events:
            out.append(f'            "{tag}" to {self.event_names[cls]}::class.java,')
        out += [
            "        )",
            "",
            "        fun typeOf(event: SessionEvent): String = when (event) {",
            '            is Unknown -> event.raw.get("type")?.asString ?: "unknown"',
        ]
        for cls, tag in self.events:
            out.append(f'            is {self.event_names[cls]} -> "{tag}"')
        out += ["        }", "    }", "}"]
        return out

    def constants(self):
        out = [f'const val PROTOCOL_VERSION = "{self.version}"', ""]
        docs = {"Methods": "Every JSON-RPC method and notification name.", "ErrorCodes": "JSON-RPC error codes Maestro answers with.",
                "ErrorKinds": "The `kind` of [ErrorData]: what to branch on.",
                "AgentIds": "The ids of the agents Maestro knows out of the box; configured ACP agents start with ACP_PREFIX."}
        for cls in ("Methods", "ErrorCodes", "ErrorKinds", "AgentIds"):
            out.append(f"/** {docs[cls]} */")
            out.append(f"object {cls} {{")
            for name, value in self.consts.get(cls, []):
                v = kt_string(value[1:-1]) if value.startswith('"') else value
                out.append(f"    const val {screaming(name)} = {v}")
            out.append("}")
            out.append("")
        wire_to_const = {value[1:-1]: screaming(name) for name, value in self.consts["Methods"]}
        out += [
            "/** Who sends a method and the types of its params and result (null: none, or a `null` answer). */",
            "data class MethodShape(val kind: MethodKind, val params: Class<*>?, val result: Class<*>?)",
            "",
            "/** The shape of every method, by wire name, from the [MethodShape] attributes of Methods.cs. */",
            "val MethodShapes: Map<String, MethodShape> = linkedMapOf(",
        ]
        for wire, kind, params, result in self.shapes:
            p = f"{self.type_name(params)}::class.java" if params else "null"
            r = f"{self.type_name(result)}::class.java" if result else "null"
            out.append(f"    Methods.{wire_to_const[wire]} to MethodShape(MethodKind.{screaming(kind)}, {p}, {r}),")
        out.append(")")
        return out

    def wire_members(self):
        out = [
            "/**",
            " * What Gson cannot see in a Kotlin constructor, per generated class: the members C# requires, the JSON an",
            " * absent member reads as (C#'s default), and the members C# leaves out when they hold that default.",
            " * Applied by WireMembersAdapterFactory.",
            " */",
            "object WireMembers {",
            "    class Shape(val required: Set<String>, val defaults: Map<String, String>, val omittedWhenDefault: Set<String>)",
            "",
            "    val byClass: Map<Class<*>, Shape> = mapOf(",
        ]
        for name in sorted(self.records):
            base, props, _, _ = self.records[name]
            if name == "SessionEvent":
                continue
            required = [p[0] for p in props if p[2]]
            defaults, omitted = [], []
            for prop, cs_type, req, _, omitted_when_default, _, default in props:
                _, json = self.member(name, prop, cs_type, req, default)
                if json is not None:
                    defaults.append((prop, json))
                    if omitted_when_default:
                        omitted.append(prop)
            req = "setOf(" + ", ".join(f'"{r}"' for r in required) + ")"
            dfl = "mapOf(" + ", ".join(f'"{k}" to {kt_string(v)}' for k, v in defaults) + ")"
            omt = "setOf(" + ", ".join(f'"{o}"' for o in omitted) + ")"
            out.append(f"        {self.type_name(name)}::class.java to Shape({req}, {dfl}, {omt}),")
        out += ["    )", "}"]
        return out

    def files(self):
        """File name -> text; one file per folder of src/Maestro.Protocol, the top-level files in Protocol.kt."""
        by_file = {}
        def file_of(folder):
            return (pathlib.PurePosixPath(folder).name or "Protocol") + ".kt" if folder != "." else "Protocol.kt"
        for name in sorted(self.enums):
            by_file.setdefault(file_of(self.enums[name][2]), []).append(("enum", name))
        for name in sorted(self.records):
            base, _, _, folder = self.records[name]
            if base == "SessionEvent":
                continue
            if base is not None:
                raise SystemExit(f"gen-protocol: {name} derives from {base}, which is not mapped")
            by_file.setdefault(file_of(folder), []).append(("record", name))
        by_file.setdefault("Protocol.kt", []).insert(0, ("constants", None))
        by_file.setdefault("WireMembers.kt", []).append(("wire", None))
        files = {}
        for fname, items in sorted(by_file.items()):
            body = []
            for kind, name in items:
                if kind == "enum":
                    body += self.enum_class(name)
                elif kind == "constants":
                    body += self.constants()
                elif kind == "wire":
                    body += self.wire_members()
                elif name == "SessionEvent":
                    body += self.session_event()
                else:
                    body += self.data_class(name, "")
                body.append("")
            text = "\n".join(body)
            imports = [imp for imp, used in (
                ("com.google.gson.JsonElement", "JsonElement" in text),
                ("com.google.gson.JsonObject", "JsonObject" in text),
                ("com.google.gson.annotations.SerializedName", "@SerializedName" in text),
                ("java.math.BigDecimal", "BigDecimal" in text),
            ) if used]
            header = [
                f"{KT_HEADER}: change the C# records",
                "// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.",
                "@file:Suppress(\"unused\")",
                "",
                "package maestro.core.protocol",
                "",
            ]
            if imports:
                header += [f"import {imp}" for imp in imports] + [""]
            files[fname] = "\n".join(header) + "\n" + text
        return files


def main():
    files = sorted(p for p in SRC.rglob("*.cs") if "/obj/" not in str(p) and "/bin/" not in str(p) and "/Json/" not in str(p))
    records, enums, consts, events = parse(files)
    version = re.search(r'Current = "([^"]+)"', (SRC / "ProtocolVersion.cs").read_text()).group(1)
    shapes = method_shapes((SRC / "Methods.cs").read_text())
    wanted = {TS_OUT: typescript(records, enums, consts, events, shapes, version)}
    for fname, text in Kotlin(records, enums, consts, events, shapes, version).files().items():
        wanted[KT_DIR / fname] = text
    # Generated Kotlin files the C# no longer calls for (a folder renamed or emptied) must go too.
    stale = [p for p in sorted(KT_DIR.glob("*.kt")) if p not in wanted and p.read_text().startswith(KT_HEADER)]
    if "--check" in sys.argv:
        drift = [p for p, text in wanted.items() if not p.exists() or p.read_text() != text] + stale
        if drift:
            for p in drift:
                print(f"{p.relative_to(ROOT)} is out of date with src/Maestro.Protocol", file=sys.stderr)
            print("run python3 scripts/gen-protocol.py", file=sys.stderr)
            sys.exit(1)
        print(f"protocol.ts and {len(wanted) - 1} Kotlin files match src/Maestro.Protocol")
        return
    KT_DIR.mkdir(parents=True, exist_ok=True)
    for p, text in wanted.items():
        p.write_text(text)
    for p in stale:
        p.unlink()
    print(f"wrote {TS_OUT.relative_to(ROOT)} and {len(wanted) - 1} files in {KT_DIR.relative_to(ROOT)}: "
          f"{len(records)} records, {len(enums)} enums, {len(events)} event types")


if __name__ == "__main__":
    main()
