rootProject.name = "maestro-rider"

pluginManagement {
    repositories {
        gradlePluginPortal()
        mavenCentral()
    }
}
