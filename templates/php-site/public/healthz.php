<?php
// Liveness for the ALB and the container health check: PHP answers. Dependencies (database,
// cache) are not checked here, so an outage of one does not cycle every task.
header('Content-Type: text/plain');
echo "ok\n";
