package org.dicomflow.anonymizer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with the project key. Every use has its own label ("uid", "patient", "dateshift") hashed in front of
 * the value, so a UID and a Patient ID that happen to be the same text never give related results.
 */
final class KeyedHash {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    // Mac.getInstance looks up providers each time; one Mac per thread keeps batches of small files fast.
    private final ThreadLocal<Mac> macs;

    KeyedHash(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail now, not on first use, if the platform lacks HmacSHA256
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    byte[] mac(String label, String value) {
        Mac mac = macs.get();
        mac.update(label.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** RFC 4648 base32 (no padding) of the first {@code bytes} bytes of {@code mac}: letters and digits only. */
    static String base32(byte[] mac, int bytes) {
        StringBuilder sb = new StringBuilder((bytes * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < bytes; i++) {
            buffer = buffer << 8 | (mac[i] & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }
}
