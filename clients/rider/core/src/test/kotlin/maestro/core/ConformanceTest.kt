package maestro.core

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParseException
import com.google.gson.JsonParser
import maestro.core.protocol.*
import maestro.core.support.Repo
import org.junit.jupiter.api.Test
import java.io.File
import java.lang.reflect.ParameterizedType
import java.lang.reflect.WildcardType
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * The Kotlin models read and write the recorded exchanges in tests/exchanges (shared with the C# and TypeScript
 * sides). Which model a message is read into comes from the generated [MethodShapes], not from a list kept here:
 * each `request`, `notification` and `response` is read into its typed model, written back, and compared with the
 * recording as JSON trees (numbers by value; an absent member equals a null one, and a member left out on either
 * side equals its C# default, which is what the server reads it as). A recorded error answer
 * (`"error": {code, message, data}`) has its `data` read into [ErrorData] the same way.
 */
class ConformanceTest {
    private val exchanges: List<Pair<File, JsonObject>> by lazy {
        Repo.exchanges.listFiles { f -> f.name.endsWith(".json") }.orEmpty().sortedBy { it.name }
            .map { it to JsonParser.parseString(it.readText()).asJsonObject }
    }

    @Test
    fun `the Kotlin models round-trip every recorded exchange`() {
        assertTrue(exchanges.isNotEmpty(), "no recorded exchanges in ${Repo.exchanges}")
        val failures = mutableListOf<String>()
        var checked = 0
        for ((file, exchange) in exchanges) {
            val method = exchange.get("method")?.asString ?: run { failures += "${file.name}: no method"; continue }
            val shape = MethodShapes[method] ?: run { failures += "${file.name}: $method is not a method of Methods.cs"; continue }
            var messages = 0
            // A request the server refused as InvalidParams may be one the model refuses too (a required member
            // left out on purpose): then that refusal is the agreement, not a failure.
            val invalidParams = exchange.get("error")?.takeIf { it.isJsonObject }?.asJsonObject?.get("code")
                ?.takeIf { it.isJsonPrimitive && it.asJsonPrimitive.isNumber }?.asInt == ErrorCodes.INVALID_PARAMS
            for (member in listOf("request", "notification", "response")) {
                val recorded = exchange.get(member) ?: continue
                messages++
                val type = if (member == "response") shape.result else shape.params
                if (type == null) {
                    if (!recorded.isJsonNull) failures += "${file.name}: $member of $method should be null"
                    continue
                }
                failures += roundTrip(recorded, type, "${file.name}:$member", mayRefuse = invalidParams && member == "request")
                checked++
            }
            exchange.get("error")?.let { error ->
                messages++
                val obj = error.takeIf { it.isJsonObject }?.asJsonObject
                val code = obj?.get("code")?.takeIf { it.isJsonPrimitive && it.asJsonPrimitive.isNumber }
                val message = obj?.get("message")?.takeIf { it.isJsonPrimitive && it.asJsonPrimitive.isString }
                if (code == null || message == null) {
                    failures += "${file.name}: error needs a numeric code and a message"
                } else {
                    obj.get("data")?.takeUnless { it.isJsonNull }?.let { failures += roundTrip(it, ErrorData::class.java, "${file.name}:error.data") }
                    checked++
                }
            }
            if (messages == 0) failures += "${file.name}: no request, notification, response or error"
        }
        if (failures.isNotEmpty()) fail(failures.joinToString("\n"))
        assertTrue(checked >= exchanges.size, "checked $checked messages in ${exchanges.size} files")
    }

    /**
     * COMPLETENESS: every method of Methods.cs has at least one recorded exchange. Fails listing the methods that
     * have none; the fix is to record their exchanges from a real run, not to edit this test.
     */
    @Test
    fun `every method of MethodShapes has a recorded exchange`() {
        val recorded = exchanges.mapNotNull { it.second.get("method")?.asString }.toSet()
        val missing = MethodShapes.keys - recorded
        assertTrue(missing.isEmpty(), "no recorded exchange in tests/exchanges for ${missing.size} method(s): ${missing.sorted()}")
    }

    @Test
    fun `every event type is covered by a recorded exchange`() {
        val seen = exchanges.map { it.second }.flatMap { exchange ->
            val notification = exchange.get("notification")?.takeIf { it.isJsonObject }?.asJsonObject ?: return@flatMap emptyList()
            when (exchange.get("method")?.asString) {
                Methods.SESSIONS_EVENT -> listOf(notification)
                Methods.SESSIONS_EVENTS -> notification.getAsJsonArray("events").map { it.asJsonObject }
                else -> emptyList()
            }
        }.map { it.getAsJsonObject("event").get("type").asString }.toSet()
        val missing = SessionEvent.types.keys - seen
        assertTrue(missing.isEmpty(), "no recorded session event of type $missing")
    }

    private fun roundTrip(recorded: JsonElement, type: Class<*>, at: String, mayRefuse: Boolean = false): List<String> = try {
        val model: Any = MaestroJson.gson.fromJson(recorded, type)
        listOfNotNull(sameJson(recorded, MaestroJson.gson.toJsonTree(model), at, type))
    } catch (e: JsonParseException) {
        if (mayRefuse) emptyList() else listOf("$at: could not be read into ${type.simpleName}: ${e.message}")
    } catch (e: Exception) {
        listOf("$at: could not be read into ${type.simpleName}: ${e.message}")
    }

    /** [owner] is the generated class of the value compared, for the C# defaults of its members. */
    private fun sameJson(expected: JsonElement?, actual: JsonElement?, at: String, owner: Class<*>?): String? {
        val e = expected?.takeUnless { it.isJsonNull }
        val a = actual?.takeUnless { it.isJsonNull }
        if (e == null || a == null) return if (e == null && a == null) null else "$at: expected $e, wrote $a"
        return when {
            e.isJsonObject && a.isJsonObject -> {
                val eo: JsonObject = e.asJsonObject
                val ao: JsonObject = a.asJsonObject
                // A session event's class is the one its `type` names.
                val cls = if (owner == SessionEvent::class.java) SessionEvent.types[eo.get("type")?.asString] else owner
                val defaults = WireMembers.byClass[cls]?.defaults.orEmpty()
                (eo.keySet() + ao.keySet()).firstNotNullOfOrNull { key ->
                    val default = defaults[key]?.let { JsonParser.parseString(it) }
                    sameJson(eo.get(key) ?: default, ao.get(key) ?: default, "$at.$key", memberClass(cls, key))
                }
            }
            e.isJsonArray && a.isJsonArray -> {
                val ea = e.asJsonArray
                val aa = a.asJsonArray
                if (ea.size() != aa.size()) "$at: ${ea.size()} items, wrote ${aa.size()}"
                else (0 until ea.size()).firstNotNullOfOrNull { i -> sameJson(ea[i], aa[i], "$at[$i]", owner) }
            }
            e.isJsonPrimitive && a.isJsonPrimitive && e.asJsonPrimitive.isNumber && a.asJsonPrimitive.isNumber ->
                if (e.asBigDecimal.compareTo(a.asBigDecimal) == 0) null else "$at: expected $e, wrote $a"
            else -> if (e == a) null else "$at: expected $e, wrote $a"
        }
    }

    /** The class a member of [owner] holds (the element class of a list), to compare nested values by it. */
    private fun memberClass(owner: Class<*>?, member: String): Class<*>? {
        val field = owner?.declaredFields?.firstOrNull { it.name == member } ?: return null
        val generic = field.genericType
        val raw = if (generic is ParameterizedType) generic.actualTypeArguments.last() else generic
        return raw as? Class<*> ?: (raw as? WildcardType)?.upperBounds?.firstOrNull() as? Class<*>
    }
}
