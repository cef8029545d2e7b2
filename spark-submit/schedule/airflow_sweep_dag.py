"""serspark sweep as an Apache Airflow DAG (apache-airflow-providers-apache-spark).

Each run invokes `serspark sweep` through spark-submit; the sweep itself remembers what is done, so the DAG needs
no state of its own. Exit code 75 means another invocation still holds the sweep's lock: the task fails and Airflow
retries it later. Deploy mode must be client: the sweep folder (trials table, lock, best/) lives on the driver's
filesystem, so every run's driver must see the same --output folder.

`application` must be a jar that carries serspark's dependencies with Spark itself at provided scope (the shaded
cluster jar); the local launcher's jobs/target/serspark-jobs.jar relies on jobs/target/lib instead. Not run by any
test here.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SERSPARK = "/opt/serspark"
JAVA17_OPENS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions", "-Djdk.reflect.useDirectMethodHandle=false",
    *[f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in (
        "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
        "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
        "sun.security.action", "sun.util.calendar")],
])

with DAG(
    dag_id="serspark_sweep_paper",
    schedule="0 2 * * *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,  # the sweep's lock refuses overlaps anyway; this keeps them out of the UI
    default_args={"retries": 3, "retry_delay": timedelta(minutes=30)},
) as dag:
    SparkSubmitOperator(
        task_id="sweep",
        conn_id="spark_default",
        deploy_mode="client",
        application=f"{SERSPARK}/jobs/target/serspark-jobs.jar",
        java_class="org.serspark.cli.Main",
        application_args=[
            "sweep",
            "--spec", f"{SERSPARK}/conf/sweeps/paper.yaml",
            "--features", "hdfs:///serspark/ravdess/extract",
            "--output", "/data/serspark/sweeps/paper",
        ],
        conf={
            "spark.driver.extraJavaOptions": f"{JAVA17_OPENS} -Dserspark.home={SERSPARK}",
            "spark.executor.extraJavaOptions": JAVA17_OPENS,
            "spark.executorEnv.OMP_NUM_THREADS": "1",
        },
        env_vars={"OMP_NUM_THREADS": "1"},
    )
