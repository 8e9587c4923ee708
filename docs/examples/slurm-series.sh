#!/usr/bin/env bash
# Render a whole series with Slurm: one array task per (story, chunk), then one join per
# story once its chunks are done. Submit from the folder that holds the stories:
#
#   bash docs/examples/slurm-series.sh stories/cold-war out/cold-war 8
#
# Arguments: the series folder, the output folder (both on storage every node sees) and the
# number of chunks per story (at most the story's length in six-second encoder segments).
set -euo pipefail
series=${1:?series folder}
out=${2:?output folder}
chunks=${3:-8}
mkdir -p "$out/parts" "$out/logs"
for story in "$series"/*.yaml; do
    [ "$(basename "$story")" = series.yaml ] && continue
    id=$(basename "$story" .yaml)
    # Chunk K of N is array task K; each task gets its cores in --threads.
    render=$(sbatch --parsable --job-name="render-$id" --array="1-$chunks" \
        --cpus-per-task=4 --mem=4G --time=01:00:00 \
        --output="$out/logs/$id-%a.log" \
        --wrap="mapreel render '$story' -o \"$out/parts/$id-\$SLURM_ARRAY_TASK_ID.mp4\" \
                --chunk \$SLURM_ARRAY_TASK_ID/$chunks --threads \$SLURM_CPUS_PER_TASK -q")
    # The join runs once every chunk of this story has succeeded.
    sbatch --job-name="concat-$id" --dependency="afterok:$render" --cpus-per-task=1 \
        --mem=1G --time=00:10:00 --output="$out/logs/$id-concat.log" \
        --wrap="mapreel concat '$out'/parts/$id-*.mp4 -o '$out/$id.mp4'"
done
