package org.dicomflow.net.internal;

/** Actions of PS3.8 tables 9-6 to 9-9. The next state is decided by {@link UpperLayerAssociation}. */
public enum Action {
    AE_1, AE_2, AE_3, AE_4, AE_5, AE_6, AE_7, AE_8,
    DT_1, DT_2,
    AR_1, AR_2, AR_3, AR_4, AR_5, AR_6, AR_7, AR_8, AR_9, AR_10,
    AA_1, AA_2, AA_3, AA_4, AA_5, AA_6, AA_7, AA_8
}
