// "Use my location" on the counter directory: asks the browser where the resident is and
// reloads the directory with ?lat=&lon= rounded to two decimals (about 1 km), so the server
// never sees a precise position. Without JavaScript or geolocation the button stays hidden and
// the prefecture and municipality lists do the same job.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".near-me-locate");
  if (!button || !("geolocation" in navigator)) return;
  const form = button.form;
  const status = form.querySelector(".near-me-status");
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = button.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const params = new URLSearchParams();
        const language = form.querySelector("[name=language]");
        if (language && language.value) params.set("language", language.value);
        params.set("lat", position.coords.latitude.toFixed(2));
        params.set("lon", position.coords.longitude.toFixed(2));
        window.location.assign(`${form.action}?${params.toString()}`);
      },
      () => {
        button.disabled = false;
        status.textContent = button.dataset.failed;
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
});
