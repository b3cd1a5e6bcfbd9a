#!/usr/bin/env python3
"""Writes clients/protocol/protocol.ts from the C# records of src/Maestro.Protocol.

Maestro.Protocol is the single source of truth for the wire; this keeps the TypeScript mirror from drifting.
`--check` exits 1 when the committed file differs from what the C# says (the test command runs it).
The mapping is deliberately narrow: it understands the shapes the protocol project uses (sealed records with
init properties, enums with the camelCase converter, one polymorphic SessionEvent, string/int constants) and fails
loudly on anything else, so a new kind of C# construct gets a decision instead of a silent `any`.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "Maestro.Protocol"
OUT = ROOT / "clients" / "protocol" / "protocol.ts"

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
    raise SystemExit(f"gen-protocol-ts: no TypeScript mapping for C# type '{cs}'")


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
                        props.append((camel(prop), cs_type.strip(), bool(required), default is not None, omitted_when_default, doc_before(blines, k)))
                records[name] = (base, props, doc_before(lines, i))
            m = re.match(r"\s*public enum (\w+)", line)
            if m:
                body = text[text.index(line):]
                body = body[body.index("{") + 1: body.index("}")]
                body = "\n".join(l for l in body.splitlines() if not l.strip().startswith(("//", "[")))
                members = [camel(x.strip().split("=")[0].strip()) for x in body.split(",") if x.strip()]
                enums[m.group(1)] = (members, doc_before(lines, i))
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
        raise SystemExit(f"gen-protocol-ts: {len(names) - len(shapes)} method(s) of Methods.cs have no [MethodShape]")
    return shapes


def main():
    files = sorted(p for p in SRC.rglob("*.cs") if "/obj/" not in str(p) and "/bin/" not in str(p) and "/Json/" not in str(p))
    records, enums, consts, events = parse(files)
    version = re.search(r'Current = "([^"]+)"', (SRC / "ProtocolVersion.cs").read_text()).group(1)
    out = [
        "// GENERATED from src/Maestro.Protocol by scripts/gen-protocol-ts.py. Do not edit by hand: change the C# records",
        "// and run `python3 scripts/gen-protocol-ts.py`. `./test.sh` fails when this file and the C# disagree.",
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
    shapes = method_shapes((SRC / "Methods.cs").read_text())
    out.append("/** Who sends each method and the names of its params and result records (null: none, or a `null` answer). */")
    out.append("export const MethodShapes: Readonly<Record<MethodName, { kind: MethodKind; params: string | null; result: string | null }>> = {")
    for wire, kind, params, result in shapes:
        p = f"'{params}'" if params else "null"
        r = f"'{result}'" if result else "null"
        out.append(f"  '{wire}': {{ kind: '{kind}', params: {p}, result: {r} }},")
    out.append("};")
    out.append("")
    out.append("/** The params and result types of every method, for typed senders and handlers. */")
    out.append("export interface MethodTypes {")
    for wire, kind, params, result in shapes:
        out.append(f"  '{wire}': {{ params: {params or 'void'}; result: {result or 'null'} }};")
    out.append("}")
    out.append("")
    for name in sorted(enums):
        members, doc = enums[name]
        if doc:
            out.append(f"/** {doc} */")
        out.append(f"export type {name} = " + " | ".join(f"'{m}'" for m in members) + ";")
        out.append(f"export const {name}Values: readonly {name}[] = [" + ", ".join(f"'{m}'" for m in members) + "];")
        out.append("")
    discriminator = {cls: tag for cls, tag in events}
    for name in sorted(records):
        base, props, doc = records[name]
        if name == "SessionEvent":
            continue
        if doc:
            out.append(f"/** {doc} */")
        out.append(f"export interface {name} {{")
        if base == "SessionEvent":
            out.append(f"  type: '{discriminator[name]}';")
        elif base is not None:
            raise SystemExit(f"gen-protocol-ts: {name} derives from {base}, which is not mapped")
        for prop, cs_type, required, has_default, omitted_when_default, pdoc in props:
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
    text = "\n".join(out)
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT.relative_to(ROOT)} is out of date with src/Maestro.Protocol: run python3 scripts/gen-protocol-ts.py", file=sys.stderr)
            sys.exit(1)
        print("protocol.ts matches src/Maestro.Protocol")
        return
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(records)} records, {len(enums)} enums, {len(events)} event types")


if __name__ == "__main__":
    main()
