package io.shkmemory.api;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key, from {@code X-API-Key} or from
 * {@code Authorization: Bearer <key>}, as {@code ROLE_READ} or {@code ROLE_WRITE} (which holds
 * both). A request without a key passes on unauthenticated. An unknown key is refused with
 * 401, except an unknown bearer token when JWTs are accepted: that one is the JWT filter's.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;
    private final boolean jwtEnabled;
    private final SecurityContextHolderStrategy contexts =
            SecurityContextHolder.getContextHolderStrategy();

    public ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint,
                                      boolean jwtEnabled) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        this.jwtEnabled = jwtEnabled;
    }

    /** The bearer token of a request, or null. */
    public static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0,
                BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        String headerKey = request.getHeader(HEADER);
        String key = headerKey != null ? headerKey.strip() : bearerToken(request);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiKeys.Role role = keys.isEmpty() ? null : keys.roleOf(key);
        if (role == null) {
            if (headerKey == null && jwtEnabled) {
                chain.doFilter(request, response);
                return;
            }
            entryPoint.commence(request, response, new BadCredentialsException(
                    "the API key is not valid"));
            return;
        }
        List<SimpleGrantedAuthority> authorities = role == ApiKeys.Role.WRITE
                ? List.of(new SimpleGrantedAuthority("ROLE_WRITE"),
                        new SimpleGrantedAuthority("ROLE_READ"))
                : List.of(new SimpleGrantedAuthority("ROLE_READ"));
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "api-key:" + role.name().toLowerCase(), null, authorities));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
