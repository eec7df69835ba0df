package io.rmvss.array.horcm;

/**
 * A running HORCM instance and the configuration it read when it started (later edits of the file
 * take effect only after horcmshutdown and horcmstart, as with CCI).
 *
 * @param confText the file's text at start, kept so the instance survives a daemon restart unchanged
 */
public record StartedInstance(InstanceNumber number, HorcmConf conf, String confText) {
}
