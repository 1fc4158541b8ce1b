package org.dicomflow.net;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.dicomflow.dicom.UID;
import org.dicomflow.dicom.UIDDictionary;

/** Storage SOP classes, taken from the generated UID registry rather than typed by hand. */
public final class StorageSopClasses {
    /**
     * Every non-retired SOP class whose name ends with "Storage" (image, waveform, SR, RT, ...
     * storage); the order is not significant. More than 128: an SCU must pick the ones it needs.
     */
    public static final List<String> ALL = collect();

    private StorageSopClasses() {
    }

    private static List<String> collect() {
        List<String> uids = new ArrayList<>();
        for (Field f : UID.class.getFields()) {
            if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                String uid = (String) f.get(null);
                String name = UIDDictionary.nameOf(uid);
                if ("SOP Class".equals(UIDDictionary.typeOf(uid)) && !UIDDictionary.isRetired(uid) && name != null
                        && name.endsWith("Storage") && !uids.contains(uid)) {
                    uids.add(uid);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return List.copyOf(uids);
    }
}
