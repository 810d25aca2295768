package dev.turnstile.core.permissions;

import static dev.turnstile.core.permissions.model.FileSystemAccess.NONE;
import static dev.turnstile.core.permissions.model.FileSystemAccess.READ;
import static dev.turnstile.core.permissions.model.FileSystemAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §3.1: the core wire JSON of a permission profile, both shapes. */
class PermissionProfileJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void theFourTaggedShapesOfSection31RoundTrip() throws Exception {
        for (String text : List.of(
                "{'type':'managed','file_system':{'type':'restricted','entries':[],'glob_scan_max_depth':2},'network':'restricted'}",
                "{'type':'managed','file_system':{'type':'unrestricted'},'network':'enabled'}",
                "{'type':'disabled'}",
                "{'type':'external','network':'restricted'}")) {
            JsonNode node = json(text);
            assertThat(PermissionProfileJson.toJson(PermissionProfileJson.fromJson(node))).isEqualTo(node);
        }
    }

    @Test
    void everyEntryShapeRoundTripsAndMeansWhatItSays() throws Exception {
        JsonNode node = json("""
                {'type':'managed','network':'enabled','file_system':{'type':'restricted','entries':[
                 {'path':{'type':'special','value':{'kind':'root'}},'access':'read'},
                 {'path':{'type':'special','value':{'kind':'minimal'}},'access':'read'},
                 {'path':{'type':'special','value':{'kind':'project_roots'}},'access':'write'},
                 {'path':{'type':'special','value':{'kind':'project_roots','subpath':'.git'}},'access':'read'},
                 {'path':{'type':'special','value':{'kind':'tmpdir'}},'access':'write'},
                 {'path':{'type':'special','value':{'kind':'slash_tmp'}},'access':'write'},
                 {'path':{'type':'special','value':{'kind':'unknown','path':':future','subpath':'x'}},'access':'read'},
                 {'path':{'type':'path','path':'/abs/docs'},'access':'read'},
                 {'path':{'type':'glob_pattern','pattern':'codex-project-roots://**/*.env'},'access':'none'}]}}
                """);

        PermissionProfile profile = PermissionProfileJson.fromJson(node);

        assertThat(profile).isEqualTo(PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(SpecialPath.MINIMAL, READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".git"), READ),
                FileSystemSandboxEntry.of(SpecialPath.TMPDIR, WRITE),
                FileSystemSandboxEntry.of(SpecialPath.SLASH_TMP, WRITE),
                FileSystemSandboxEntry.of(new SpecialPath.Unknown(":future", Path.of("x")), READ),
                FileSystemSandboxEntry.of(Path.of("/abs/docs"), READ),
                new FileSystemSandboxEntry(FileSystemPath.projectRootsGlob("**/*.env"), NONE)), NetworkPolicy.ENABLED));
        assertThat(PermissionProfileJson.toJson(profile)).isEqualTo(node);
    }

    @Test
    void currentWorkingDirectoryIsReadAsAnAliasOfProjectRoots() throws Exception {
        PermissionProfile profile = PermissionProfileJson.fromJson(json("""
                {'type':'managed','network':'restricted','file_system':{'type':'restricted','entries':[
                 {'path':{'type':'special','value':{'kind':'current_working_directory'}},'access':'write'}]}}"""));

        assertThat(profile.entries()).containsExactly(FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE));
        assertThat(PermissionProfileJson.toJson(profile).at("/file_system/entries/0/path/value/kind").asText())
                .isEqualTo("project_roots");
    }

    @Test
    void theLegacyUntaggedShapeReadsAsAManagedRestrictedProfile() throws Exception {
        assertThat(PermissionProfileJson.fromJson(json("""
                {'network':{'enabled':true},'file_system':{'entries':[
                 {'path':{'type':'path','path':'/w'},'access':'write'}],'glob_scan_max_depth':3}}""")))
                .isEqualTo(new PermissionProfile.Managed(new PermissionProfile.Restricted(
                        List.of(FileSystemSandboxEntry.of(Path.of("/w"), WRITE)), 3), NetworkPolicy.ENABLED));
        assertThat(PermissionProfileJson.fromJson(json("{'file_system':{'read':['/r'],'write':['/w']}}")))
                .isEqualTo(PermissionProfile.restricted(List.of(FileSystemSandboxEntry.of(Path.of("/r"), READ),
                        FileSystemSandboxEntry.of(Path.of("/w"), WRITE)), NetworkPolicy.RESTRICTED));
        assertThat(PermissionProfileJson.fromJson(json("{}")))
                .isEqualTo(PermissionProfile.restricted(List.of(), NetworkPolicy.RESTRICTED));
    }

    @Test
    void denyIsAcceptedAsASpellingOfNone() throws Exception {
        PermissionProfile profile = PermissionProfileJson.fromJson(json("""
                {'type':'managed','network':'restricted','file_system':{'type':'restricted','entries':[
                 {'path':{'type':'glob_pattern','pattern':'/w/**/*.pem'},'access':'deny'}]}}"""));

        assertThat(profile.entries()).containsExactly(FileSystemSandboxEntry.glob("/w/**/*.pem", NONE));
        assertThat(PermissionProfileJson.toJson(profile).at("/file_system/entries/0/access").asText()).isEqualTo("none");
    }

    @Test
    void malformedProfilesAreRejectedNamingTheMember() throws Exception {
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("{'type':'sandboxed'}")))
                .isInstanceOf(PermissionException.class)
                .hasMessage("permission_profile.type: unknown profile type `sandboxed`; expected managed, disabled or external");
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("""
                {'type':'managed','network':'restricted','file_system':{'type':'restricted','entries':[
                 {'path':{'type':'path','path':'/w'},'access':'rw'}]}}""")))
                .hasMessage("permission_profile.file_system.entries[0].access: unknown access `rw`; expected read, write or none");
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("""
                {'type':'managed','network':'restricted','file_system':{'type':'restricted','entries':[
                 {'path':{'type':'path','path':'relative/w'},'access':'write'}]}}""")))
                .hasMessage("permission_profile.file_system.entries[0].path.path: path `relative/w` must be an absolute path");
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("{'type':'managed','file_system':{'type':'unrestricted'}}")))
                .hasMessage("permission_profile: missing member `network`");
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("{'network':{'enabled':true},'sandbox':1}")))
                .hasMessageStartingWith("permission_profile: unknown member `sandbox`");
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("""
                {'type':'managed','network':'restricted','file_system':{'type':'restricted','entries':[],'glob_scan_max_depth':0}}""")))
                .hasMessageContaining("glob_scan_max_depth: expected an integer of at least 1");
        assertThatThrownBy(() -> PermissionProfileJson.fromJson(json("""
                {'type':'managed','network':'restricted','file_system':{'type':'restricted','entries':[
                 {'path':{'type':'special','value':{'kind':'project_roots','subpath':'../up'}},'access':'write'}]}}""")))
                .hasMessageContaining("entries[0].path.value: project-roots subpath `../up` escapes the workspace root");
    }

    /** The protocol keeps the profile as a {@code JsonNode}: what the codec decodes is what this reads. */
    @Test
    void readsWhatTheProtocolCodecDecodes() throws Exception {
        JsonNode viaCodec = ProtocolCodec.shared().mapper().readTree(
                "{\"type\":\"managed\",\"file_system\":{\"type\":\"restricted\",\"entries\":[{\"path\":{\"type\":\"special\","
                        + "\"value\":{\"kind\":\"project_roots\"}},\"access\":\"write\"}]},\"network\":\"restricted\"}");

        PermissionProfile profile = PermissionProfileJson.fromJson(viaCodec);

        assertThat(profile.entries()).containsExactly(FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE));
        assertThat(PermissionProfileJson.toJson(profile)).isEqualTo(viaCodec);
    }
}
