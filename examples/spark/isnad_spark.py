#!/usr/bin/env python3
"""Run isnad over a JSONL corpus on Apache Spark and write N-Quads part files.

    spark-submit [--master URL] [--files target/release/isnad] \
        examples/spark/isnad_spark.py INPUT.jsonl OUT_DIR \
        [--isnad PATH] [--ontology DIR] [--partitions N]

Each partition of the corpus (one JSON document per line) is streamed through
`isnad build - --format nq --quiet` in a subprocess; the quads it prints become
the lines of OUT_DIR/part-*, ready for a triplestore's bulk loader. Every
document is its own named graph, so partitions never need to see each other.

Without a master (no spark-submit --master, no $MASTER) the job runs in local
mode, `local[2]`, so `python examples/spark/isnad_spark.py ...` works on a
laptop with `pip install pyspark` and a JDK.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading

ENV_UTF8 = {"PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSONL corpus ({\"id\",\"text\",\"date\"?} per line), any Hadoop path")
    p.add_argument("out", help="output directory for the N-Quads part files (must not exist)")
    p.add_argument("--isnad", help="isnad binary on every node (default: the one shipped "
                   "with --files, else `isnad` on PATH)")
    p.add_argument("--ontology", help="ontology folder on every node, or the name of an "
                   "archive shipped with --archives (default: isnad's own default)")
    p.add_argument("--partitions", type=int, default=0,
                   help="number of partitions (default: 2 x the default parallelism)")
    return p.parse_args(argv)


def find_isnad(explicit):
    """Resolve the binary on the executor: --isnad, else SparkFiles, else PATH."""
    if explicit:
        return explicit
    from pyspark import SparkFiles
    try:
        shipped = SparkFiles.get("isnad")
    except Exception:
        shipped = None
    if shipped and os.path.isfile(shipped):
        if not os.access(shipped, os.X_OK):
            os.chmod(shipped, 0o755)
        return shipped
    on_path = shutil.which("isnad")
    if on_path:
        return on_path
    raise RuntimeError("isnad not found: pass --isnad PATH, ship it with --files, or put it on PATH")


def find_ontology(given):
    """An absolute folder as is; a relative one from the working or SparkFiles directory."""
    if not given or os.path.isabs(given) or os.path.isdir(given):
        return given
    from pyspark import SparkFiles
    shipped = os.path.join(SparkFiles.getRootDirectory(), given)
    return shipped if os.path.isdir(shipped) else given


def run_isnad(isnad, ontology):
    """A mapPartitions function: JSONL lines in, N-Quads lines out."""

    def process(lines):
        lines = (l for l in lines if l.strip())
        first = next(lines, None)
        if first is None:
            return  # empty partition: isnad rejects empty stdin, and there is nothing to do
        cmd = [find_isnad(isnad), "build", "-", "--format", "nq", "--quiet"]
        onto = find_ontology(ontology)
        if onto:
            cmd += ["--ontology", onto]
        env = dict(os.environ, **ENV_UTF8)
        with tempfile.TemporaryFile() as errf:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=errf, env=env)
            failure = []

            def feed():
                try:
                    proc.stdin.write(first.encode("utf-8") + b"\n")
                    for line in lines:
                        proc.stdin.write(line.encode("utf-8") + b"\n")
                except BrokenPipeError:
                    pass  # isnad stopped early: its exit code says why
                except BaseException as e:  # pragma: no cover
                    failure.append(e)
                finally:
                    try:
                        proc.stdin.close()
                    except BrokenPipeError:
                        pass

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            for raw in proc.stdout:
                yield raw.decode("utf-8").rstrip("\n")
            writer.join()
            code = proc.wait()
            if failure:
                raise failure[0]
            if code != 0:
                errf.seek(0)
                msg = errf.read().decode("utf-8", "replace")[-4000:]
                raise RuntimeError(f"{' '.join(cmd)} exited with {code}:\n{msg}")

    return process


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    SparkContext._ensure_initialized()  # so SparkConf sees spark-submit's settings
    conf = SparkConf()
    if not conf.contains("spark.master"):
        conf.setMaster(os.environ.get("MASTER", "local[2]"))
        # local workers run this very interpreter (the one that has pyspark)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf.setIfMissing("spark.app.name", "isnad")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    for k, v in ENV_UTF8.items():
        conf.setIfMissing(f"spark.executorEnv.{k}", v)
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext
    try:
        n = args.partitions or 2 * sc.defaultParallelism
        docs = sc.textFile(args.input)  # UTF-8 decoded lines
        quads = docs.repartition(n).mapPartitions(run_isnad(args.isnad, args.ontology))
        quads.saveAsTextFile(args.out)  # UTF-8 part-NNNNN files
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
