package maestro.core.protocol

import com.google.gson.Gson
import com.google.gson.GsonBuilder

/**
 * The one Gson configuration of the client: camelCase members as declared, enums by their `@SerializedName`,
 * absent optional members omitted (Gson does not write nulls), session events by `type`, and the members Gson cannot
 * see in a Kotlin constructor (required, defaulted) as the generated [WireMembers] table says.
 * Gson asks the factory registered last first: the event factory must come before the members one, to which it
 * hands each case of [SessionEvent] (`getDelegateAdapter` only looks at the factories after it).
 */
object MaestroJson {
    val gson: Gson = GsonBuilder()
        .registerTypeAdapterFactory(WireMembersAdapterFactory())
        .registerTypeAdapterFactory(SessionEventAdapterFactory())
        .disableHtmlEscaping()
        .create()
}
