package io.tandem.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlTest {

    @Test
    void acceptsPlainAndMultiHostUrls() {
        assertEquals(List.of(), TargetUrl.problems("jdbc:postgresql://pg:5432/app"));
        assertEquals(List.of(), TargetUrl.problems("jdbc:postgresql://pg1,pg2:5433/app?targetServerType=primary&connectTimeout=5"));
        assertEquals(Optional.of("my db"), TargetUrl.database("jdbc:postgresql://pg/my%20db?x=1"));
    }

    @Test
    void takesTheFirstHostApartForLogicalDecoding() {
        assertEquals(new HostPort("pg", 5433), TargetUrl.firstHost("jdbc:postgresql://pg:5433/app"));
        assertEquals(new HostPort("pg", 5432), TargetUrl.firstHost("jdbc:postgresql://pg/app?sslmode=require"));
        assertEquals(new HostPort("pg1", 5432), TargetUrl.firstHost("jdbc:postgresql://pg1,pg2:5433/app"));
        assertEquals(new HostPort("::1", 6000), TargetUrl.firstHost("jdbc:postgresql://[::1]:6000/app"));
    }

    @Test
    void rejectsCredentials() {
        assertOneProblem("jdbc:postgresql://bob:pw@pg/app", "must not contain credentials");
        assertOneProblem("jdbc:postgresql://bob:p/w@pg/app", "must not contain credentials");
        assertOneProblem("jdbc:postgresql://pg/app?user=bob", "property user", "target.user");
        assertOneProblem("jdbc:postgresql://pg/app?connectTimeout=5&PASSWORD=x", "property PASSWORD", "target.password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socketFactory", "socketFactoryArg", "sslfactory", "sslhostnameverifier",
            "sslpasswordcallback", "authenticationPluginClassName", "SOCKETFACTORY", "socket%46actory"})
    void rejectsClassLoadingProperties(String property) {
        List<String> problems = TargetUrl.problems("jdbc:postgresql://pg/app?" + property + "=com.evil.Factory");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("CVE-2022-21724"), problems.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"loggerFile", "loggerLevel"})
    void rejectsLoggerProperties(String property) {
        assertOneProblem("jdbc:postgresql://pg/app?" + property + "=/etc/passwd", "CVE-2022-26520");
    }

    @Test
    void requiresPrefixHostAndDatabase() {
        assertOneProblem("jdbc:mysql://pg/app", "must start with jdbc:postgresql://");
        assertOneProblem("jdbc:postgresql://pg", "must name a database");
        assertOneProblem("jdbc:postgresql://pg/?x=1", "must name a database");
        assertOneProblem("jdbc:postgresql:///app", "must name a host");
    }

    @Test
    void buildsUrlFromParts() {
        assertEquals("jdbc:postgresql://pg:5432/app", TargetUrl.fromParts("pg", 5432, "app"));
        assertEquals("jdbc:postgresql://[::1]:5432/my%20db%2Fx", TargetUrl.fromParts("::1", 5432, "my db/x"));
        assertEquals(Optional.of("my db/x"), TargetUrl.database(TargetUrl.fromParts("::1", 5432, "my db/x")));
    }

    private static void assertOneProblem(String url, String... fragments) {
        List<String> problems = TargetUrl.problems(url);
        assertEquals(1, problems.size(), problems.toString());
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), problems.toString());
        }
    }
}
