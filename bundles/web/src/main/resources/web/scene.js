// Draws one robot's scene seen from above: ahead is up, REP 103 angles (0 ahead, positive to the left).
// LIDAR returns are dots, the sensor module's clusters circles labelled person or obstacle, camera detections
// with a distance diamonds.

const COLOURS = { person: '#e8730c', obstacle: '#c62828', dot: '#455a64', ring: '#cfd8dc', robot: '#1565c0', vision: '#6a1b9a' };

export function drawScene(canvas, view) {
  const g = canvas.getContext('2d');
  const size = Math.min(canvas.width, canvas.height);
  const cx = canvas.width / 2;
  const cy = canvas.height / 2;
  // Scaled to the farthest thing seen (at least 2 m, at most the sensor's range), not to the sensor's range:
  // a 30 m lidar in a room would draw the room as a dot.
  const far = [];
  if (view.scan) far.push(...view.scan.ranges.filter((r) => r !== null));
  for (const o of view.scene ? view.scene.scene.observations : []) {
    for (const d of o.detections) if (typeof d.distanceM === 'number') far.push(d.distanceM + (typeof d.sizeM === 'number' ? d.sizeM : 0));
  }
  const limit = view.scan && view.scan.rangeMax > 0 ? view.scan.rangeMax : 30;
  const metres = Math.min(limit, Math.max(2, Math.ceil(Math.max(0, ...far) * 1.15)));
  const scale = (size / 2 - 10) / metres;
  const at = (range, bearing) => [cx - range * Math.sin(bearing) * scale, cy - range * Math.cos(bearing) * scale];

  g.clearRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = COLOURS.ring;
  g.fillStyle = COLOURS.ring;
  g.font = '11px sans-serif';
  const step = metres > 12 ? 5 : metres > 6 ? 2 : 1;
  for (let ring = step; ring <= metres; ring += step) {
    g.beginPath();
    g.arc(cx, cy, ring * scale, 0, 2 * Math.PI);
    g.stroke();
    g.fillText(`${ring} m`, cx + 3, cy - ring * scale + 12);
  }

  if (view.scan) {
    g.fillStyle = COLOURS.dot;
    view.scan.ranges.forEach((range, i) => {
      if (range === null) return;
      const [x, y] = at(range, view.scan.angleMin + i * view.scan.angleIncrement);
      g.fillRect(x - 1.5, y - 1.5, 3, 3);
    });
  }

  for (const observation of view.scene ? view.scene.scene.observations : []) {
    for (const d of observation.detections) {
      if (typeof d.distanceM !== 'number' || typeof d.bearingRad !== 'number') continue;
      if (observation.modality === 'lidar') {
        const radius = Math.max((typeof d.sizeM === 'number' ? d.sizeM : 0.2) / 2, 0.1);
        const [x, y] = at(d.distanceM + radius, d.bearingRad);
        g.strokeStyle = COLOURS[d.label] || COLOURS.obstacle;
        g.lineWidth = 2;
        g.beginPath();
        g.arc(x, y, radius * scale, 0, 2 * Math.PI);
        g.stroke();
        g.lineWidth = 1;
        g.fillStyle = g.strokeStyle;
        g.fillText(`${d.label} ${d.distanceM.toFixed(2)} m`, x + radius * scale + 3, y);
      } else {
        const [x, y] = at(d.distanceM, d.bearingRad);
        g.fillStyle = COLOURS.vision;
        g.beginPath();
        g.moveTo(x, y - 6); g.lineTo(x + 6, y); g.lineTo(x, y + 6); g.lineTo(x - 6, y);
        g.fill();
        g.fillText(`${d.label} (${observation.modality})`, x + 8, y + 4);
      }
    }
  }

  g.fillStyle = COLOURS.robot;
  g.beginPath();
  g.moveTo(cx, cy - 10); g.lineTo(cx + 7, cy + 7); g.lineTo(cx - 7, cy + 7);
  g.fill();
}
