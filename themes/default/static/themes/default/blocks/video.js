// Click-to-load videos: the provider's player (and its cookies) only after the visitor asks.
// Without JavaScript the button stays hidden and the link to the video is the way to watch it.
for (const button of document.querySelectorAll("[data-video-src]")) {
  button.hidden = false;
  button.addEventListener(
    "click",
    () => {
      const player = document.createElement("iframe");
      player.src = button.dataset.videoSrc;
      player.title = button.dataset.videoTitle;
      player.allow = "autoplay; fullscreen; picture-in-picture";
      player.allowFullscreen = true;
      const placeholder = button.closest("[data-video]");
      placeholder.replaceChildren(player);
      placeholder.classList.add("is-playing");
      player.focus();
    },
    { once: true },
  );
}
