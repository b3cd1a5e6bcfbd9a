package maestro.core

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import maestro.core.protocol.*
import maestro.core.support.Repo
import org.junit.jupiter.api.Test
import java.io.File
import java.lang.reflect.Type
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * The Kotlin models read and write the recorded exchanges in tests/exchanges (shared with the C# and TypeScript
 * sides): each `request`, `response` and `notification` is read into its typed model, written back, and compared
 * with the recording as JSON trees (numbers by value; an absent member equals a null one).
 */
class ConformanceTest {
    private val models: Map<String, Pair<Type?, Type?>> = mapOf(
        Methods.INITIALIZE to (InitializeParams::class.java to InitializeResult::class.java),
        Methods.AGENTS_LIST to (null to AgentsListResult::class.java),
        Methods.SESSIONS_CREATE to (SessionCreateParams::class.java to Session::class.java),
        Methods.SESSIONS_LIST to (SessionListParams::class.java to SessionListResult::class.java),
        Methods.SESSIONS_GET to (SessionIdParams::class.java to Session::class.java),
        Methods.SESSIONS_PROMPT to (SessionPromptParams::class.java to SessionPromptResult::class.java),
        Methods.SESSIONS_CANCEL to (SessionIdParams::class.java to null),
        Methods.SESSIONS_HISTORY to (SessionHistoryParams::class.java to SessionHistoryResult::class.java),
        Methods.SESSIONS_CLOSE to (SessionCloseParams::class.java to null),
        Methods.SESSIONS_RENAME to (SessionRenameParams::class.java to Session::class.java),
        Methods.SESSIONS_EVENT to (SessionEventNotification::class.java to null),
        Methods.SESSIONS_CHANGED to (SessionChangedNotification::class.java to null),
        Methods.PERMISSIONS_REQUEST to (PermissionRequestParams::class.java to PermissionResponse::class.java),
        Methods.REVIEW_CHANGES to (ReviewChangesParams::class.java to ReviewChangesResult::class.java),
        Methods.REVIEW_ACCEPT to (ReviewSelectionParams::class.java to ReviewAcceptResult::class.java),
        Methods.REVIEW_REJECT to (ReviewSelectionParams::class.java to ReviewRejectResult::class.java),
        Methods.REVIEW_CHANGED to (ReviewChangedNotification::class.java to null),
        Methods.GIT_STATUS to (GitStatusParams::class.java to GitStatusResult::class.java),
    )

    @Test
    fun `the Kotlin models round-trip every recorded exchange`() {
        val files = Repo.exchanges.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
        assertTrue(files.isNotEmpty(), "no recorded exchanges in ${Repo.exchanges}")
        val failures = mutableListOf<String>()
        var checked = 0
        for (file in files) {
            val exchange = JsonParser.parseString(file.readText()).asJsonObject
            val method = exchange.get("method")?.asString ?: run { failures += "${file.name}: no method"; continue }
            val (paramsType, resultType) = models[method] ?: run { failures += "${file.name}: no Kotlin model for $method"; continue }
            for (member in listOf("request", "notification", "response")) {
                val recorded = exchange.get(member) ?: continue
                val type = (if (member == "response") resultType else paramsType)
                if (type == null) {
                    if (!recorded.isJsonNull) failures += "${file.name}: $member of $method should be null"
                    continue
                }
                val model: Any = MaestroJson.gson.fromJson(recorded, type)
                val written = MaestroJson.gson.toJsonTree(model)
                sameJson(recorded, written, "${file.name}:$member")?.let { failures += it }
                checked++
            }
        }
        if (failures.isNotEmpty()) fail(failures.joinToString("\n"))
        assertTrue(checked >= files.size, "checked $checked messages in ${files.size} files")
    }

    @Test
    fun `every event type is covered by a recorded exchange`() {
        val seen = Repo.exchanges.listFiles { f -> f.name.endsWith(".json") }.orEmpty()
            .map { JsonParser.parseString(it.readText()).asJsonObject }
            .filter { it.get("method")?.asString == Methods.SESSIONS_EVENT }
            .map { it.getAsJsonObject("notification").getAsJsonObject("event").get("type").asString }
            .toSet()
        val missing = SessionEvent.types.keys - seen
        assertTrue(missing.isEmpty(), "no recorded sessions/event of type $missing")
    }

    private fun sameJson(expected: JsonElement?, actual: JsonElement?, at: String): String? {
        val e = expected?.takeUnless { it.isJsonNull }
        val a = actual?.takeUnless { it.isJsonNull }
        if (e == null || a == null) return if (e == null && a == null) null else "$at: expected $e, wrote $a"
        return when {
            e.isJsonObject && a.isJsonObject -> {
                val eo: JsonObject = e.asJsonObject
                val ao: JsonObject = a.asJsonObject
                (eo.keySet() + ao.keySet()).firstNotNullOfOrNull { key -> sameJson(eo.get(key), ao.get(key), "$at.$key") }
            }
            e.isJsonArray && a.isJsonArray -> {
                val ea = e.asJsonArray
                val aa = a.asJsonArray
                if (ea.size() != aa.size()) "$at: ${ea.size()} items, wrote ${aa.size()}"
                else (0 until ea.size()).firstNotNullOfOrNull { i -> sameJson(ea[i], aa[i], "$at[$i]") }
            }
            e.isJsonPrimitive && a.isJsonPrimitive && e.asJsonPrimitive.isNumber && a.asJsonPrimitive.isNumber ->
                if (e.asBigDecimal.compareTo(a.asBigDecimal) == 0) null else "$at: expected $e, wrote $a"
            else -> if (e == a) null else "$at: expected $e, wrote $a"
        }
    }
}
