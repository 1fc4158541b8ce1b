package org.dicomflow.net.pdu;

import java.util.List;

/**
 * User information item (50H) and the sub-items we understand (PS3.7 annex D.3.3). Absent optional
 * sub-items are {@code null}; maxPduLength 0 means "no limit" as in PS3.8 D.1.
 * Extended negotiation sub-items (56H, 57H) and unknown ones are skipped when decoding.
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
        AsyncOpsWindow asyncOpsWindow, List<RoleSelection> roleSelections,
        UserIdentityRq userIdentityRq, UserIdentityAc userIdentityAc) {

    public UserInformation {
        roleSelections = List.copyOf(roleSelections);
    }

    /** Asynchronous operations window sub-item (53H); 0 means unlimited. */
    public record AsyncOpsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {
    }

    /** SCP/SCU role selection sub-item (54H). */
    public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {
    }

    /** User identity sub-item of the request (58H); type 1 username, 2 username+passcode, 3 Kerberos, 4 SAML, 5 JWT. */
    public record UserIdentityRq(int identityType, boolean positiveResponseRequested, byte[] primaryField,
            byte[] secondaryField) {
    }

    /** User identity server response sub-item of the accept (59H). */
    public record UserIdentityAc(byte[] serverResponse) {
    }
}
