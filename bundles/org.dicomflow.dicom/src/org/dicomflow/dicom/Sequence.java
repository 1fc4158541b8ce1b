package org.dicomflow.dicom;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/** The items of a sequence (SQ) element; each item is a {@link DataSet} whose parent is the data set holding the sequence. */
public final class Sequence extends AbstractList<DataSet> implements RandomAccess {

    private final DataSet parent;
    private final List<DataSet> items;

    Sequence(DataSet parent, int initialCapacity) {
        this.parent = parent;
        this.items = new ArrayList<>(initialCapacity);
    }

    public DataSet parent() {
        return parent;
    }

    /** Appends a new empty item and returns it. */
    public DataSet addItem() {
        DataSet item = new DataSet(parent, 8);
        items.add(item);
        return item;
    }

    @Override
    public boolean add(DataSet item) {
        item.setParent(parent);
        return items.add(item);
    }

    @Override
    public void add(int index, DataSet item) {
        item.setParent(parent);
        items.add(index, item);
    }

    @Override
    public DataSet set(int index, DataSet item) {
        item.setParent(parent);
        return items.set(index, item);
    }

    @Override
    public DataSet remove(int index) {
        return items.remove(index);
    }

    @Override
    public DataSet get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
