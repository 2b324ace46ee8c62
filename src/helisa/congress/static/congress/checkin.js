// Reads the QR code on a badge with the device camera, puts the code in the field and submits it.
// Where the browser has BarcodeDetector with QR codes, it reads them itself; elsewhere it sends a
// scaled-down frame to the server, which decodes it (congress/qr_frames.py). Without a camera the
// page works by typing the code or searching by name.
(() => {
  const form = document.getElementById("checkin-code-form");
  const field = document.getElementById("checkin-code");
  const start = document.getElementById("checkin-camera");
  const video = document.getElementById("checkin-video");
  const note = document.getElementById("checkin-camera-note");
  if (!form || !field || !start || !video) return;
  const frameUrl = form.dataset.frameUrl;
  const canvas = document.createElement("canvas");
  const hasCanvas = typeof canvas.toBlob === "function";
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia ||
      (!("BarcodeDetector" in window) && !(frameUrl && hasCanvas))) {
    if (note) note.hidden = false;
    return;
  }
  const codePattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  const frameWidth = 800;
  let read = null;
  let pause = 300;
  let stream = null;
  let lastCode = "";
  let lastAt = 0;

  const readHere = (detector) => async () => {
    const found = await detector.detect(video);
    return found.length ? found[0].rawValue : "";
  };

  const readOnServer = async () => {
    if (!video.videoWidth) return "";
    const scale = Math.min(1, frameWidth / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
    if (!blob) return "";
    const body = new FormData();
    body.append("frame", blob, "frame.jpg");
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    const response = await fetch(frameUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: token ? { "X-CSRFToken": token.value } : {},
    });
    if (!response.ok) return "";
    const answer = await response.json();
    return answer.code || "";
  };

  // BarcodeDetector exists on some systems without QR codes among its formats.
  const chooseReader = async () => {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          return readHere(new window.BarcodeDetector({ formats: ["qr_code"] }));
        }
      } catch (error) {
        // fall through to the server
      }
    }
    pause = 700; // a round trip per frame: fewer frames, one at a time
    return frameUrl && hasCanvas ? readOnServer : null;
  };

  const stop = () => {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    start.setAttribute("aria-pressed", "false");
  };

  const scan = async () => {
    if (!stream) return;
    try {
      const match = codePattern.exec(await read());
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
    window.setTimeout(scan, pause);
  };

  start.hidden = false;
  start.addEventListener("click", async () => {
    if (stream) {
      stop();
      return;
    }
    read = read || (await chooseReader());
    if (!read) {
      if (note) note.hidden = false;
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
