package org.dicomflow.net.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in the PEM files that OpenSSL and dcmtk use. The JDK reads PEM certificates
 * itself; private keys it reads only as PKCS#8 bytes, so the PEM block is decoded here, and a PKCS#1 RSA key
 * ("RSA PRIVATE KEY", OpenSSL 1.x's default) is wrapped into PKCS#8 first.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

    /** DER of the PKCS#8 AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1, NULL parameters). */
    private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

    private PemFiles() {
    }

    /** PEM (one or more blocks) or DER certificates, in file order. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IOException(file + ": no certificate in it");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM or DER certificate file (" + e.getMessage() + ")", e);
        }
    }

    /** True if the file starts like PEM text rather than DER or PKCS#12 bytes. */
    static boolean looksLikePem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            return head.contains("-----BEGIN ");
        }
    }

    /**
     * The unencrypted private key in {@code file}, for a certificate whose public key uses {@code algorithm}
     * ("RSA", "EC", "EdDSA", ...).
     */
    static PrivateKey privateKey(Path file, String algorithm) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            String body = m.group(2);
            if (type.startsWith("ENCRYPTED") || body.contains("ENCRYPTED")) {
                throw new IOException(file + ": the private key is encrypted; store it unencrypted (openssl pkcs8"
                        + " -topk8 -nocrypt) in a protected file, or use a PKCS#12 key store with a password");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": the " + type + " block is not valid Base64", e);
            }
            byte[] pkcs8 = switch (type) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> wrapPkcs1(der);
                default -> throw new IOException(file + ": " + type + " blocks are not supported; convert the key to"
                        + " PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            };
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                throw new IOException(file + ": not a " + algorithm + " private key matching the certificate ("
                        + e.getMessage() + ")", e);
            }
        }
        throw new IOException(file + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
        content.writeBytes(RSA_ALGORITHM);
        content.write(0x04);
        writeLength(content, pkcs1.length);
        content.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        writeLength(sequence, content.size());
        sequence.writeBytes(content.toByteArray());
        return sequence.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
