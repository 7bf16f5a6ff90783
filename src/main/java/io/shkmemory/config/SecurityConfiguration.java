package io.shkmemory.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import io.shkmemory.api.ApiKeyAuthenticationFilter;
import io.shkmemory.api.ApiKeys;
import io.shkmemory.api.FieldError;
import io.shkmemory.api.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call the API. API keys ({@code shk.security.read-keys}, {@code write-keys}) and,
 * when Spring's resource server has a JWT decoder (an issuer URI or a public key is
 * configured), JWTs with the scopes {@code memory:read} and {@code memory:write}. Reading
 * (GET, search, retrieve, divergence) needs a read or write credential; everything else on
 * /v1 needs a write credential. With neither keys nor JWTs the API is open, and the log says
 * so. Everything outside /v1 (health, OpenAPI) is open; metrics live on the management port.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] READ = {"ROLE_READ", "ROLE_WRITE", "SCOPE_memory:read",
            "SCOPE_memory:write"};
    static final String[] WRITE = {"ROLE_WRITE", "SCOPE_memory:write"};

    @Bean
    ApiKeys apiKeys(ShkProperties properties) {
        ShkProperties.Security security = properties.security();
        List<String> write = new ArrayList<>(security.writeKeys());
        write.addAll(security.apiKeys());
        return new ApiKeys(security.readKeys(), write);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys,
                                    ObjectProvider<JwtDecoder> jwtDecoder,
                                    ProblemWriter problems) throws Exception {
        boolean jwt = jwtDecoder.getIfAvailable() != null;
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"shk-memory\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    credentialsProblem(request), null, null);
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problems.write(request,
                response, HttpStatus.FORBIDDEN, "Forbidden",
                "these credentials may read but not write", null, null);
        stateless(http.securityMatcher("/v1/**"))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        if (keys.isEmpty() && !jwt) {
            log.warn("No API keys (shk.security.read-keys, shk.security.write-keys) and no JWT "
                    + "issuer configured: the API is open to every client that reaches it");
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        log.info("API authentication on: {} API key(s){}", keys.size(),
                jwt ? ", JWTs with scopes memory:read and memory:write" : "");
        // before the JWT filter, which would otherwise refuse a key sent as a bearer token
        http.addFilterBefore(new ApiKeyAuthenticationFilter(keys, unauthorized, jwt),
                BearerTokenAuthenticationFilter.class);
        if (jwt) {
            http.oauth2ResourceServer(o -> o.jwt(j -> { })
                    .bearerTokenResolver(unlessAuthenticated())
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden));
        }
        http.authorizeHttpRequests(a -> a
                // the first dispatch was authorised; async answers and error pages follow it
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/v1/**").hasAnyAuthority(READ)
                .requestMatchers(HttpMethod.HEAD, "/v1/**").hasAnyAuthority(READ)
                .requestMatchers(HttpMethod.POST, "/v1/memories/*/search",
                        "/v1/memories/*/retrieve", "/v1/divergence").hasAnyAuthority(READ)
                .anyRequest().hasAnyAuthority(WRITE));
        return http.build();
    }

    /**
     * URLs the firewall refuses (encoded slashes, dot segments, semicolons...) are answered
     * as invalid input like any other, not with a bare status.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(request, response,
                HttpStatus.BAD_REQUEST, "Invalid request", "path: " + e.getMessage(),
                List.of(new FieldError("path", e.getMessage())), null);
    }

    /** Health, info, OpenAPI and Swagger UI: open on both ports. */
    @Bean
    @Order(2)
    SecurityFilterChain openEndpoints(HttpSecurity http) throws Exception {
        return stateless(http).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /** Leaves a bearer token to the JWT filter only when no API key matched it. */
    private static BearerTokenResolver unlessAuthenticated() {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return request -> SecurityContextHolder.getContext().getAuthentication() != null
                ? null : bearer.resolve(request);
    }

    private static String credentialsProblem(HttpServletRequest request) {
        boolean presented = request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null
                || ApiKeyAuthenticationFilter.bearerToken(request) != null;
        return presented ? "the credentials are not valid"
                : "credentials are required: an X-API-Key header or an Authorization: Bearer "
                        + "token";
    }
}
