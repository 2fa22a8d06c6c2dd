
import{a as s}from"./chunk-WN75V7VW.js";import"./chunk-UIHBNHI7.js";import"./chunk-QI3JHIBX.js";var o=await s(),e=!1,r=async()=>{e||(e=!0,await o.close().catch(()=>{}),process.exit(0))};process.on("message",t=>{t==="stop"&&r()});process.on("disconnect",()=>{r()});process.send?.({url:o.url});
