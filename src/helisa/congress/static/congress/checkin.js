// Reads the QR code on a badge with the device camera, where the browser has BarcodeDetector,
// puts the code in the field and submits it. Without the API the page works by typing or search.
(() => {
  const form = document.getElementById("checkin-code-form");
  const field = document.getElementById("checkin-code");
  const start = document.getElementById("checkin-camera");
  const video = document.getElementById("checkin-video");
  const note = document.getElementById("checkin-camera-note");
  if (!form || !field || !start || !video) return;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    if (note) note.hidden = false;
    return;
  }
  const codePattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  let stream = null;
  let lastCode = "";
  let lastAt = 0;

  const stop = () => {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    start.setAttribute("aria-pressed", "false");
  };

  const scan = async () => {
    if (!stream) return;
    try {
      const found = await detector.detect(video);
      const match = found.length ? codePattern.exec(found[0].rawValue) : null;
      const now = Date.now();
      // The same badge stays in front of the camera for a while: submit it once.
      if (match && (match[0] !== lastCode || now - lastAt > 5000)) {
        lastCode = match[0];
        lastAt = now;
        field.value = match[0];
        form.requestSubmit();
      }
    } catch (error) {
      // A frame that cannot be read yet (the video is still starting); try the next one.
    }
    window.setTimeout(scan, 300);
  };

  start.hidden = false;
  start.addEventListener("click", async () => {
    if (stream) {
      stop();
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      if (note) note.hidden = false;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    start.setAttribute("aria-pressed", "true");
    await video.play();
    scan();
  });
  window.addEventListener("pagehide", stop);
})();
