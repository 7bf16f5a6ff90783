package io.shkmemory.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The configured API keys and their roles. Only SHA-256 digests of the keys are kept, and a
 * presented key is compared with every one of them by {@link MessageDigest#isEqual}, which
 * takes the same time wherever the digests differ: the answer time says nothing about how
 * much of a key was right.
 */
public final class ApiKeys {

    /** What a key may do; write implies read. */
    public enum Role { READ, WRITE }

    private final List<byte[]> readDigests;
    private final List<byte[]> writeDigests;

    public ApiKeys(Collection<String> readKeys, Collection<String> writeKeys) {
        this.readDigests = digests(readKeys);
        this.writeDigests = digests(writeKeys);
    }

    /** Whether any key is configured; without keys the API key check is off. */
    public boolean isEmpty() {
        return readDigests.isEmpty() && writeDigests.isEmpty();
    }

    public int size() {
        return readDigests.size() + writeDigests.size();
    }

    /** The role of the key, or null for an unknown key. */
    public Role roleOf(String key) {
        byte[] presented = sha256(key);
        boolean write = matchesAny(presented, writeDigests);
        boolean read = matchesAny(presented, readDigests);
        return write ? Role.WRITE : read ? Role.READ : null;
    }

    /** Compares with every digest, without stopping at a match. */
    private static boolean matchesAny(byte[] presented, List<byte[]> digests) {
        boolean found = false;
        for (byte[] digest : digests) {
            found |= MessageDigest.isEqual(presented, digest);
        }
        return found;
    }

    private static List<byte[]> digests(Collection<String> keys) {
        List<byte[]> digests = new ArrayList<>();
        if (keys != null) {
            for (String key : keys) {
                if (key != null && !key.isBlank()) {
                    digests.add(sha256(key.strip()));
                }
            }
        }
        return List.copyOf(digests);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
