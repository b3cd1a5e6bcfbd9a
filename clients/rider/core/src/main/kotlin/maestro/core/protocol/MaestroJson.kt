package maestro.core.protocol

import com.google.gson.Gson
import com.google.gson.GsonBuilder

/**
 * The one Gson configuration of the client: camelCase members as declared, enums by their `@SerializedName`,
 * absent optional members omitted (Gson does not write nulls), session events by `type`.
 */
object MaestroJson {
    val gson: Gson = GsonBuilder()
        .registerTypeAdapterFactory(SessionEventAdapterFactory())
        .disableHtmlEscaping()
        .create()
}
