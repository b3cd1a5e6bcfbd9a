package maestro.core.rpc

import com.google.gson.JsonElement
import maestro.core.protocol.ErrorData
import maestro.core.protocol.MaestroJson

/** A JSON-RPC error response: [code], [message] and Maestro's `data {kind, ...}` when present. */
class JsonRpcException(val code: Int, message: String, val rawData: JsonElement? = null) : Exception(message) {
    val data: ErrorData? by lazy {
        if (rawData != null && rawData.isJsonObject) MaestroJson.gson.fromJson(rawData, ErrorData::class.java) else null
    }
    val kind: String? get() = data?.kind

    override fun toString(): String = "JsonRpcException($code, $message, ${rawData ?: ""})"
}
