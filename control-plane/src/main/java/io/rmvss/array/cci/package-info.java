/**
 * CCI-compatible commands of the simulated array.
 *
 * <p>{@link io.rmvss.array.cci.CciCommands} dispatches a command line to one class per command in
 * {@code command/}; all share {@link io.rmvss.array.cci.OptionParser}. A command attaches to the
 * instance named by {@code -I[M|H|SI|TC]N} or HORCMINST (EX_ATTHOR when it is not started), resolves
 * {@code -g}/{@code -d} through {@link io.rmvss.array.cci.GroupResolver} (local side from this instance's
 * conf, remote side from the HORCM_INST partner, matched by dev_name) and acts on the array.
 * ShadowImage commands need HORCC_MRCF=1 or {@code -IM}; the P-VOL side's MU# names a pair.
 *
 * <p>Changing commands check every pair of the group before changing any, under one lock, so refused
 * input changes nothing; pairevtwait waits without holding it. Errors print CCI's line
 * ({@code pairsplit: [EX_INVSTP] Invalid pair status}) and then a line with the cause and the fix.
 *
 * <p>Output layouts are in {@code format/}: fixed-width columns as CCI prints them; every sample line of
 * the seed manual's 3.7.2 matches token for token once whitespace runs are collapsed.
 */
package io.rmvss.array.cci;
