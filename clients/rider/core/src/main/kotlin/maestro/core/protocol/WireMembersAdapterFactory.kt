package maestro.core.protocol

import com.google.gson.Gson
import com.google.gson.JsonElement
import com.google.gson.JsonParseException
import com.google.gson.JsonParser
import com.google.gson.TypeAdapter
import com.google.gson.TypeAdapterFactory
import com.google.gson.reflect.TypeToken
import com.google.gson.stream.JsonReader
import com.google.gson.stream.JsonWriter

/**
 * Reads and writes the generated protocol classes the way System.Text.Json does on the server, where Gson alone
 * would not: Gson fills a data class without running its constructor, so a member the JSON leaves out would be
 * null (or 0) even where Kotlin says non-null with a default.
 *
 * - a required member that is absent or null is an error here, not a NullPointerException later;
 * - an absent (or null) non-nullable member reads as its C# default ([WireMembers]: `loops` 1, `role` "assistant");
 * - a member C# leaves out when it holds its default (`batchedEvents`) is left out on write too.
 */
class WireMembersAdapterFactory : TypeAdapterFactory {
    private val defaults = WireMembers.byClass.mapValues { (_, shape) -> shape.defaults.mapValues { JsonParser.parseString(it.value) } }

    @Suppress("UNCHECKED_CAST")
    override fun <T : Any?> create(gson: Gson, type: TypeToken<T>): TypeAdapter<T>? {
        val shape = WireMembers.byClass[type.rawType] ?: return null
        val absent = defaults.getValue(type.rawType)
        val delegate = gson.getDelegateAdapter(this, type)
        val elements = gson.getAdapter(JsonElement::class.java)
        val name = type.rawType.simpleName
        return object : TypeAdapter<T>() {
            override fun write(out: JsonWriter, value: T) {
                val tree = delegate.toJsonTree(value)
                if (tree.isJsonObject) {
                    val obj = tree.asJsonObject
                    for (member in shape.omittedWhenDefault) if (obj.get(member) == absent[member]) obj.remove(member)
                }
                elements.write(out, tree)
            }

            override fun read(reader: JsonReader): T {
                val tree = elements.read(reader)
                if (!tree.isJsonObject) throw JsonParseException("$name: expected an object, got $tree")
                // Defaults are added to a copy: read from a tree (a forwarded notification), Gson hands over the caller's
                // own object, which other listeners then see as it came.
                val original = tree.asJsonObject
                val obj = if (absent.keys.any { original.get(it)?.isJsonNull != false }) original.deepCopy() else original
                for (member in shape.required) {
                    val v = obj.get(member)
                    if (v == null || v.isJsonNull) throw JsonParseException("$name.$member is required but absent")
                }
                for ((member, default) in absent) {
                    val v = obj.get(member)
                    if (v == null || v.isJsonNull) obj.add(member, default.deepCopy())
                }
                return delegate.fromJsonTree(obj)
            }
        }.nullSafe() as TypeAdapter<T>
    }
}
