/**
 * HORCM configuration and instances.
 *
 * <p>{@link io.rmvss.array.horcm.HorcmConfParser} reads horcmNN.conf (HORCM_MON, HORCM_CMD, HORCM_DEV,
 * HORCM_LDEV, HORCM_INST, HORCM_INSTP); a malformed line is reported with the file, its line number
 * and the layout the section expects.
 *
 * <p>Where the file is ({@link io.rmvss.array.horcm.ConfLocator}): {@code HORCM_CONF} when one instance
 * is started, else {@code $HORCM_ETC/horcmNN.conf}, else {@code horcmNN.conf} in the caller's working
 * directory (the seed runs its commands from {@code C:\HORCM\etc}; Windows' {@code %windir%} and UNIX's
 * {@code /etc} are not places a simulator should write to).
 *
 * <p>An instance reads its file once, at horcmstart; {@link io.rmvss.array.horcm.InstanceRegistry} keeps
 * the started instances and the text each read in {@code <stateDir>/horcm-instances.json}, so they
 * survive a restart of the array daemon and later edits take effect only after horcmshutdown/horcmstart.
 */
package io.rmvss.array.horcm;
