"""The present layer: figure style and saving (`plotting`), charts, the notebook session, the
headless notebook runner (`notebooks`) and the HTML report."""
