/**
 * ShadowImage: pairs of LDEVs inside one storage system, their states and the background copy.
 *
 * <h2>Bitmaps</h2>
 * Per pair, per track (256 KiB): {@code pending} (still to copy; in a split state, the tracks whose
 * point-in-time data is still on the P-VOL), {@code pvolDirty} and {@code svolDirty} (changed by the
 * host since the split). Per LDEV, {@code written}: tracks that may hold data, so copies skip tracks
 * never written on either side. A resync copies pending | pvolDirty | svolDirty; after PSUE, every
 * written track.
 *
 * <h2>Point in time</h2>
 * A split changes only the state: from then on a P-VOL write to a pending track first copies that track
 * to the S-VOL (copy-before-write), an S-VOL read of a pending track reads the P-VOL, and an S-VOL write
 * to a pending track first copies it. Track stripe locks make each of these atomic with respect to host
 * I/O and the background copy of the same track.
 *
 * <h2>Durability (kill -9 or power loss at any instant)</h2>
 * <ul>
 * <li>Host write: its pair bits (pending/dirty) are written and fdatasync'ed before the data is
 *     written; the data is fdatasync'ed before {@code write} returns. A lost data write leaves at worst
 *     an extra bit set (an extra copy). The per-LDEV "written" bits are forced at close only; after an
 *     unclean end every track counts as written (see {@code LdevStore}).</li>
 * <li>Copy of a track: data copied and forced, and only then the
 *     pending bit is cleared and forced. A crash in between leaves the track pending: it is copied again
 *     from the same, unchanged source (the source cannot change while its pending bit is set: P-VOL writes
 *     copy first, and the copy holds the track's stripe).</li>
 * <li>Copy-before-write: S-VOL data forced, pending bit cleared and forced, then the P-VOL data written.</li>
 * <li>State changes: a change that rewrites bitmaps (create, resync, restore, split during restore) writes
 *     a new bitmap generation file atomically (temp, fsync, rename, directory fsync), then the state file
 *     {@code state.json} naming that generation (same atomic replace). Whichever file a crash leaves
 *     named is complete and matches its state; unnamed generations are deleted on open. Every command
 *     returns only after its state file is durable. Copies that were running resume on open.</li>
 * </ul>
 */
package io.rmvss.array.shadowimage;
