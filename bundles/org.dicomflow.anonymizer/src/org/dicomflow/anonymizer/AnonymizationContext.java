package org.dicomflow.anonymizer;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.dicomflow.dicom.UIDDictionary;

/**
 * Everything that makes one anonymization run reproducible: the project's secret key, the chosen profile options,
 * an optional patient lookup table and the private elements a site declares safe. All pseudonyms are keyed
 * hashes, so the same input with the same key gives the same output on any machine, without a mapping database,
 * and nobody without the key can recompute them from the originals. Immutable and thread-safe.
 */
public final class AnonymizationContext {

    /** Shorter keys make the keyed hashes guessable by brute force over likely Patient IDs. */
    public static final int MIN_KEY_BYTES = 16;

    private final KeyedHash hash;
    private final Set<ProfileOption> options;
    private final PatientLookupTable lookupTable;
    private final Set<String> safePrivateElements;

    private AnonymizationContext(Builder b) {
        this.hash = new KeyedHash(b.key);
        this.options = Collections.unmodifiableSet(EnumSet.copyOf(b.options));
        this.lookupTable = b.lookupTable;
        this.safePrivateElements = Set.copyOf(b.safePrivateElements);
    }

    public static Builder builder(byte[] secretKey) {
        return new Builder(secretKey);
    }

    public Set<ProfileOption> options() {
        return options;
    }

    public boolean has(ProfileOption option) {
        return options.contains(option);
    }

    /**
     * The pseudonym of {@code uid}: "2.25." and the decimal of the first 128 bits of HMAC-SHA256(key, uid), at most
     * 44 characters. Well-known UIDs (SOP classes, transfer syntaxes, anything in the PS3.6 UID table) identify no
     * patient and are returned as they are, so the object keeps its meaning.
     */
    public String mapUid(String uid) {
        if (uid == null || uid.isEmpty() || isWellKnownUid(uid)) {
            return uid;
        }
        byte[] mac = hash.mac("uid", uid);
        return "2.25." + new BigInteger(1, Arrays.copyOf(mac, 16));
    }

    public static boolean isWellKnownUid(String uid) {
        return UIDDictionary.nameOf(uid) != null;
    }

    /**
     * The new Patient ID and Name: from the lookup table when it has the original ID, else "ANON-" and a keyed hash
     * of the original ID (16 base32 characters, 80 bits) for both. A patient without an ID gets the hash of "".
     */
    public Pseudonym pseudonymFor(String originalPatientId) {
        String id = originalPatientId == null ? "" : originalPatientId;
        if (lookupTable != null) {
            Pseudonym p = lookupTable.lookup(id).orElse(null);
            if (p != null) {
                return p;
            }
        }
        String code = KeyedHash.base32(hash.mac("patient", id), 10);
        return new Pseudonym("ANON-" + code, "ANON^" + code);
    }

    /**
     * The number of days (-365 to -1) all dates of this patient move by under the Modified Dates option: the same
     * for every file of the patient, so intervals between studies stay exact; never 0, so no date stays true.
     */
    public int dateShiftDays(String originalPatientId) {
        byte[] mac = hash.mac("dateshift", originalPatientId == null ? "" : originalPatientId);
        long n = ((mac[0] & 0xFFL) << 24 | (mac[1] & 0xFFL) << 16 | (mac[2] & 0xFFL) << 8 | (mac[3] & 0xFFL));
        return (int) -(1 + n % 365);
    }

    /** Whether the site declared element {@code tag} of private creator {@code creator} safe to keep. */
    public boolean isSafePrivate(String creator, int tag) {
        return creator != null && safePrivateElements.contains(safePrivateKey(creator, tag));
    }

    private static String safePrivateKey(String creator, int tag) {
        // private blocks move between files (xx in ggggxxee); the creator, group and low byte identify the element
        return creator.strip() + "|" + String.format("%04X", tag >>> 16) + "|" + String.format("%02X", tag & 0xFF);
    }

    public static final class Builder {
        private final byte[] key;
        private final Set<ProfileOption> options = EnumSet.noneOf(ProfileOption.class);
        private PatientLookupTable lookupTable;
        private final Set<String> safePrivateElements = new HashSet<>();

        private Builder(byte[] secretKey) {
            if (secretKey == null || secretKey.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the project key must have at least " + MIN_KEY_BYTES + " bytes");
            }
            this.key = secretKey.clone();
        }

        public Builder option(ProfileOption option) {
            options.add(option);
            return this;
        }

        public Builder options(Set<ProfileOption> chosen) {
            options.addAll(chosen);
            return this;
        }

        public Builder lookupTable(PatientLookupTable table) {
            this.lookupTable = table;
            return this;
        }

        /**
         * Declares element {@code elementOffset} (the low byte, 00-FF) of {@code creator}'s block in private
         * {@code group} safe: kept under {@link ProfileOption#RETAIN_SAFE_PRIVATE}, in addition to what the file's
         * own Private Data Element Characteristics Sequence (0008,0300) declares safe, unless that sequence names a
         * Deidentification Action (0008,0307) for the element.
         */
        public Builder safePrivate(String creator, int group, int elementOffset) {
            safePrivateElements.add(safePrivateKey(creator, group << 16 | (elementOffset & 0xFF)));
            return this;
        }

        /**
         * @throws IllegalArgumentException when both Retain Longitudinal options are chosen (PS3.15 E.3.6: one or
         *         the other)
         */
        public AnonymizationContext build() {
            if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES)
                    && options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
                throw new IllegalArgumentException("Retain Longitudinal Temporal Information: choose Full Dates or"
                        + " Modified Dates, not both");
            }
            return new AnonymizationContext(this);
        }
    }
}
