package maestro.core.protocol

import com.google.gson.Gson
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.TypeAdapter
import com.google.gson.TypeAdapterFactory
import com.google.gson.reflect.TypeToken
import com.google.gson.stream.JsonReader
import com.google.gson.stream.JsonWriter

/** Reads and writes [SessionEvent] by its `type` discriminator, as System.Text.Json's [JsonPolymorphic] does. */
class SessionEventAdapterFactory : TypeAdapterFactory {
    @Suppress("UNCHECKED_CAST")
    override fun <T : Any?> create(gson: Gson, type: TypeToken<T>): TypeAdapter<T>? {
        if (!SessionEvent::class.java.isAssignableFrom(type.rawType)) return null
        val elements = gson.getAdapter(JsonElement::class.java)
        val delegates = SessionEvent.types.mapValues { (_, cls) -> gson.getDelegateAdapter(this, TypeToken.get(cls)) }
        return object : TypeAdapter<SessionEvent>() {
            override fun write(out: JsonWriter, value: SessionEvent?) {
                if (value == null) {
                    out.nullValue()
                    return
                }
                if (value is SessionEvent.Unknown) {
                    elements.write(out, value.raw)
                    return
                }
                val typeName = SessionEvent.typeOf(value)
                val delegate = delegates.getValue(typeName) as TypeAdapter<SessionEvent>
                val body = delegate.toJsonTree(value).asJsonObject
                val tagged = JsonObject()
                tagged.addProperty("type", typeName)
                for ((key, member) in body.entrySet()) tagged.add(key, member)
                elements.write(out, tagged)
            }

            override fun read(reader: JsonReader): SessionEvent? {
                val tree = elements.read(reader)
                if (tree == null || tree.isJsonNull) return null
                val obj = tree.asJsonObject
                val typeName = obj.get("type")?.asString
                val delegate = delegates[typeName] ?: return SessionEvent.Unknown(obj)
                return delegate.fromJsonTree(obj) as SessionEvent
            }
        }.nullSafe() as TypeAdapter<T>
    }
}
